package dev.tributary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.OpportunityStage;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderStatus;
import dev.tributary.canonical.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves that a global customer id follows the real company: USCC, then tax id, then region-local source id. */
class GlobalCustomerIdsTest {

    private static final String USCC = "91350100M000100Y43";
    private static final Instant UPDATED = Instant.parse("2025-03-01T08:30:00Z");

    @Test
    void should_give_the_same_id_to_the_same_uscc_in_two_regions() {
        CanonicalRecord east = order("cn-east", "fxiaoke", new CustomerRef("C-1001", USCC, null, "闽江电子"));
        CanonicalRecord south = opportunity("cn-south", "hubspot", new CustomerRef("S-2001", USCC, "other", null));

        assertThat(of(east)).isEqualTo(of(south));
        assertThat(GlobalCustomerIds.identityKey(east)).isEqualTo("uscc:" + USCC);
    }

    @Test
    void should_give_a_customer_the_same_id_as_the_orders_that_name_it() {
        Customer customer = new Customer(null, "福州闽江电子有限公司", null, USCC, null, "CN", null, null, null, null,
                null, null, List.of(), "cn-east", List.of(new SourceRef("cn-east", "fxiaoke", "C-1001", null)), 1L,
                UPDATED);
        CanonicalRecord order = order("cn-south", "hubspot", new CustomerRef("S-9", USCC, null, null));

        assertThat(of(customer)).isEqualTo(of(order));
    }

    @Test
    void should_fall_back_to_tax_id_when_there_is_no_uscc() {
        CanonicalRecord west = order("eu-west", "hubspot", new CustomerRef("E-3002", " ", "DE298765431", null));
        CanonicalRecord east = order("cn-east", "fxiaoke", new CustomerRef("C-77", null, "DE298765431", null));

        assertThat(GlobalCustomerIds.identityKey(west)).isEqualTo("tax:DE298765431");
        assertThat(of(west)).isEqualTo(of(east));
    }

    @Test
    void should_fall_back_to_source_id_per_region_and_system() {
        CustomerRef sameSourceId = new CustomerRef("C-1001", null, null, "闽江电子");
        CanonicalRecord east = order("cn-east", "fxiaoke", sameSourceId);
        CanonicalRecord south = order("cn-south", "fxiaoke", sameSourceId);
        CanonicalRecord otherSystem = order("cn-east", "hubspot", sameSourceId);

        assertThat(GlobalCustomerIds.identityKey(east)).isEqualTo("src:7:cn-east7:fxiaoke6:C-1001");
        assertThat(of(east))
                .isNotEqualTo(of(south))
                .isNotEqualTo(of(otherSystem));
        assertThat(of(east))
                .isEqualTo(of(order("cn-east", "fxiaoke", sameSourceId)));
    }

    @Test
    void should_keep_customers_apart_whose_system_and_source_id_join_to_the_same_text() {
        CanonicalRecord slashInSystem = order("cn-east", "crmA/b", new CustomerRef("CUST-1", null, null, null));
        CanonicalRecord slashInId = order("cn-east", "crmA", new CustomerRef("b/CUST-1", null, null, null));

        assertThat(of(slashInSystem)).isNotEqualTo(of(slashInId));
    }

    @Test
    void should_write_ids_as_gc_and_16_upper_case_hex_digits() {
        for (CustomerRef ref : List.of(new CustomerRef("C-1", USCC, null, null),
                new CustomerRef("C-1", null, "DE298765431", null), new CustomerRef("C-1", null, null, null))) {
            assertThat(of(order("cn-east", "fxiaoke", ref))).matches("GC-[0-9A-F]{16}");
        }
    }

    @Test
    void should_derive_ids_deterministically_from_the_key() {
        assertThat(GlobalCustomerIds.fromKey("uscc:" + USCC)).isEqualTo(GlobalCustomerIds.fromKey("uscc:" + USCC))
                .isNotEqualTo(GlobalCustomerIds.fromKey("tax:" + USCC));
    }

    private static Order order(String region, String system, CustomerRef ref) {
        return new Order(new SourceRef(region, system, "O-1", null), "SO-1", ref, LocalDate.of(2025, 3, 1), "CNY",
                List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, OrderStatus.DRAFT, null, null, UPDATED,
                1L);
    }

    private static Opportunity opportunity(String region, String system, CustomerRef ref) {
        return new Opportunity(new SourceRef(region, system, "P-1", null), ref, "二期", OpportunityStage.PROPOSAL,
                null, BigDecimal.TEN, "CNY", 50, null, null, UPDATED);
    }

    private static String of(CanonicalRecord record) {
        return GlobalCustomerIds.fromKey(GlobalCustomerIds.identityKey(record));
    }
}
