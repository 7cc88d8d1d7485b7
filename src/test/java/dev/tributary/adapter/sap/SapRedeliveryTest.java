package dev.tributary.adapter.sap;

import static dev.tributary.adapter.sap.SapTestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves idempotency against the stateful simulator: a redelivered event updates, never creates twice. */
class SapRedeliveryTest {

    static final List<String> EVENTS = List.of("customer-chinese-with-uscc", "customer-english-tax-id", "customer-minimal",
            "order-two-lines-cny", "order-eur-discount");

    private SimulatedSap sap;
    private TargetContext context;
    private SapAdapter adapter;

    @BeforeEach
    void start() {
        sap = new SimulatedSap(0);
        context = SapTestSupport.context(sap.baseUrl(), Map.of());
        adapter = SapTestSupport.adapter(context);
    }

    @AfterEach
    void stop() throws Exception {
        context.http().close();
        sap.close();
    }

    private void deliverAll() {
        for (String name : EVENTS) {
            assertThat(adapter.deliver(List.of(event(name)))).as(name).containsExactly(DeliveryOutcome.delivered());
        }
    }

    @Test
    void should_update_not_create_again_when_the_same_events_are_delivered_twice() {
        deliverAll();
        deliverAll();

        assertThat(sap.creates(SimulatedSap.BUSINESS_PARTNERS)).isEqualTo(3);
        assertThat(sap.updates(SimulatedSap.BUSINESS_PARTNERS)).isEqualTo(3);
        assertThat(sap.creates(SimulatedSap.SALES_ORDERS)).isEqualTo(2);
        assertThat(sap.updates(SimulatedSap.SALES_ORDERS)).isEqualTo(2);
        assertThat(sap.salesOrder("cn-east.fxiaoke.O-1001").path("SoldToParty").asText())
                .isEqualTo(sap.businessPartner("GC-280111D1E047C895").path("BusinessPartner").asText());
        assertThat(sap.salesOrder("cn-east.fxiaoke.O-1001").path("to_Item")).hasSize(2);
    }

    @Test
    void should_block_the_merged_partner_and_unblock_it_on_unmerge() {
        TargetEvent merged = SapCsrfTest.customer("GC-7E8F0E112D24B539");
        adapter.deliver(List.of(merged));

        assertThat(adapter.deliver(List.of(event("customer-merge")))).containsExactly(DeliveryOutcome.delivered());
        assertThat(sap.businessPartner("GC-7E8F0E112D24B539").path("BusinessPartnerIsBlocked").asBoolean()).isTrue();
        assertThat(sap.businessPartner("GC-7E8F0E112D24B539").path("SearchTerm2").asText()).isEqualTo("MERGED");

        assertThat(adapter.deliver(List.of(event("customer-unmerge")))).containsExactly(DeliveryOutcome.delivered());
        assertThat(sap.businessPartner("GC-7E8F0E112D24B539").path("BusinessPartnerIsBlocked").asBoolean()).isFalse();
        assertThat(sap.businessPartner("GC-7E8F0E112D24B539").path("SearchTerm2").asText()).isEmpty();
        assertThat(sap.creates(SimulatedSap.BUSINESS_PARTNERS)).isEqualTo(1);
    }

    @Test
    void should_fail_one_customer_with_a_lock_until_it_is_released() {
        deliverAll();
        sap.failCustomer("GC-280111D1E047C895", 400, "V1/042", "Sales document 1 is currently being processed by user BATCH");

        DeliveryOutcome locked = adapter.deliver(List.of(event("order-two-lines-cny"))).get(0);
        assertThat(locked.isTransient()).isTrue();
        assertThat(locked.code()).isEqualTo("V1/042");
        assertThat(adapter.deliver(List.of(event("order-eur-discount")))).containsExactly(DeliveryOutcome.delivered());

        sap.clearFailures();
        assertThat(adapter.deliver(List.of(event("order-two-lines-cny")))).containsExactly(DeliveryOutcome.delivered());
    }

    @Test
    void should_fail_the_next_calls_with_the_injected_error() {
        sap.failNext(1, 503, "/IWBEP/CX_MGW_TECH_EXCEPTION", "SAP system is not available");

        DeliveryOutcome down = adapter.deliver(List.of(event("customer-minimal"))).get(0);
        assertThat(down.isTransient()).isTrue();
        assertThat(down.reason()).contains("SAP system is not available");

        assertThat(adapter.deliver(List.of(event("customer-minimal")))).containsExactly(DeliveryOutcome.delivered());
        assertThat(sap.creates(SimulatedSap.BUSINESS_PARTNERS)).isEqualTo(1);
    }

    @Test
    void should_refuse_an_order_for_a_merged_blocked_partner_as_sap_does() {
        deliverAll();
        adapter.deliver(List.of(SapCsrfTest.customer("GC-7E8F0E112D24B539")));
        String body = new String(event("order-two-lines-cny").body(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"globalcustomerid\": \"GC-280111D1E047C895\"", "\"globalcustomerid\": \"GC-7E8F0E112D24B539\"")
                .replace("O-1001", "O-1002");
        adapter.deliver(List.of(event("customer-merge")));

        DeliveryOutcome refused = adapter.deliver(List.of(TargetEvent.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                SapTestSupport.JSON))).get(0);

        assertThat(refused.isPermanent()).isTrue();
        assertThat(refused.reason()).contains("SoldToParty: SIM/003");
    }
}
