package dev.tributary.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.CustomerTier;
import dev.tributary.canonical.EventEnvelope;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.OpportunityStage;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import dev.tributary.canonical.OrderStatus;
import dev.tributary.canonical.RecordType;
import dev.tributary.canonical.SalesChannel;
import dev.tributary.canonical.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves that each canonical record and the event envelope survive the hub's JSON mapping and back unchanged. */
class CanonicalJsonRoundTripTest {

    private static final Instant UPDATED = Instant.parse("2025-03-01T08:30:00.123Z");

    private final ObjectMapper mapper = HubObjectMapper.create();

    @Test
    void should_round_trip_a_customer_with_chinese_name_and_contacts() throws Exception {
        Customer customer = customer();

        String json = mapper.writeValueAsString(customer);

        assertThat(mapper.readValue(json, Customer.class)).isEqualTo(customer);
        assertThat(json).contains("\"legalName\":\"福州闽江电子有限公司\"").contains("\"tier\":\"KEY\"");
    }

    @Test
    void should_round_trip_an_order_keeping_decimal_amounts_exactly() throws Exception {
        Order order = order();

        String json = mapper.writeValueAsString(order);
        Order back = mapper.readValue(json, Order.class);

        assertThat(back).isEqualTo(order);
        assertThat(back.netTotal()).isEqualByComparingTo("1234.50");
        assertThat(back.lines().get(0).unitPrice().toPlainString()).isEqualTo("1234.50");
        assertThat(json).contains("\"netTotal\":1234.50").contains("\"taxTotal\":160.485")
                .contains("\"orderDate\":\"2025-03-01\"");
    }

    @Test
    void should_write_large_and_small_decimals_plainly() throws Exception {
        JsonNode line = mapper.valueToTree(new OrderLine(1, "SKU", null, new BigDecimal("1E+3"),
                new BigDecimal("0.0000001"), null, new BigDecimal("0.0001"), null));

        assertThat(mapper.writeValueAsString(line)).contains("\"quantity\":1000").contains("\"unitPrice\":0.0000001");
    }

    @Test
    void should_round_trip_an_opportunity() throws Exception {
        Opportunity opportunity = opportunity();

        String json = mapper.writeValueAsString(opportunity);

        assertThat(mapper.readValue(json, Opportunity.class)).isEqualTo(opportunity);
        assertThat(json).contains("\"stage\":\"PROPOSAL\"").contains("\"expectedCloseDate\":\"2025-06-30\"");
    }

    @Test
    void should_round_trip_an_event_envelope_carrying_an_order() throws Exception {
        EventEnvelope envelope = envelope(RecordType.ORDER, order());

        String json = mapper.writeValueAsString(envelope);
        EventEnvelope back = mapper.readValue(json, EventEnvelope.class);

        // the envelope's data is read through a JsonNode, whose decimals lose trailing zeros (1234.50 -> 1234.5)
        assertThat(back).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(envelope);
        assertThat(back.data()).isInstanceOf(Order.class);
        assertThat(back.recordType()).isEqualTo(RecordType.ORDER);
    }

    @Test
    void should_round_trip_envelopes_of_customers_and_opportunities() throws Exception {
        for (EventEnvelope envelope : List.of(envelope(RecordType.CUSTOMER, customer()),
                envelope(RecordType.OPPORTUNITY, opportunity()))) {
            assertThat(mapper.readValue(mapper.writeValueAsString(envelope), EventEnvelope.class))
                    .usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(envelope);
        }
    }

    @Test
    void should_write_instants_in_utc_with_z() throws Exception {
        JsonNode tree = mapper.valueToTree(envelope(RecordType.ORDER, order()));

        assertThat(tree.get("time").asText()).isEqualTo("2025-03-01T08:30:05Z");
        assertThat(tree.at("/data/sourceUpdatedAt").asText()).isEqualTo("2025-03-01T08:30:00.123Z");
        assertThat(tree.at("/data/sourceRef/lastSeenAt").asText()).isEqualTo("2025-03-01T08:30:00.123Z");
    }

    @Test
    void should_read_instants_with_an_offset_as_utc() throws Exception {
        String json = mapper.writeValueAsString(opportunity()).replace("2025-03-01T08:30:00.123Z",
                "2025-03-01T16:30:00.123+08:00");

        assertThat(mapper.readValue(json, Opportunity.class).sourceUpdatedAt()).isEqualTo(UPDATED);
    }

    @Test
    void should_leave_out_null_fields_and_derived_accessors() throws Exception {
        JsonNode tree = mapper.valueToTree(opportunity());

        assertThat(tree.has("owner")).isFalse();
        assertThat(tree.has("recordType")).isFalse();
        assertThat(tree.has("primarySource")).isFalse();
        assertThat(tree.at("/customerRef").has("taxId")).isFalse();
    }

    @Test
    void should_refuse_an_envelope_of_unknown_type() {
        String json = "{\"id\":\"1\",\"type\":\"dev.tributary.invoice.v1\",\"data\":{}}";

        assertThatThrownBy(() -> mapper.readValue(json, EventEnvelope.class))
                .hasMessageContaining("unknown event type 'dev.tributary.invoice.v1'");
    }

    private static Customer customer() {
        return new Customer("GC-0123456789ABCDEF", "福州闽江电子有限公司", "闽江电子", "91350100M000100Y43", null, "CN",
                "福建", "福州", "鼓楼区五四路 1 号", "Electronics", "Industrial", CustomerTier.KEY,
                List.of(new Contact("王伟", "采购经理", "+8613800138000", "wang.wei@example.cn"),
                        new Contact("李娜", null, null, "li.na@example.cn")),
                "cn-east", List.of(new SourceRef("cn-east", "fxiaoke", "C-1001", UPDATED)), 3L, UPDATED);
    }

    private static Order order() {
        return new Order(new SourceRef("cn-east", "fxiaoke", "O-1001", UPDATED), "SO-2025-0001",
                new CustomerRef("C-1001", "91350100M000100Y43", null, "福州闽江电子有限公司"), LocalDate.of(2025, 3, 1),
                "CNY",
                List.of(new OrderLine(1, "BRG-6204", "深沟球轴承", new BigDecimal("1"), new BigDecimal("1234.50"),
                        new BigDecimal("0.00"), new BigDecimal("1234.50"), new BigDecimal("0.13"))),
                new BigDecimal("1234.50"), new BigDecimal("160.485"), new BigDecimal("1394.985"),
                OrderStatus.CONFIRMED, SalesChannel.DIRECT, null, UPDATED, 7L);
    }

    private static Opportunity opportunity() {
        return new Opportunity(new SourceRef("cn-east", "fxiaoke", "P-501", null),
                new CustomerRef("C-1001", "91350100M000100Y43", null, null), "二期产线改造", OpportunityStage.PROPOSAL,
                "方案报价", new BigDecimal("500000.00"), "CNY", 60, LocalDate.of(2025, 6, 30), null, UPDATED);
    }

    private static EventEnvelope envelope(RecordType type, CanonicalRecord data) {
        return new EventEnvelope("6f1c2a4e-0000-3000-8000-000000000001", "/regions/cn-east/fxiaoke", type.eventType(),
                "GC-0123456789ABCDEF", Instant.parse("2025-03-01T08:30:05Z"), EventEnvelope.SPEC_VERSION,
                EventEnvelope.CONTENT_TYPE, "cn-east", "fxiaoke", "GC-0123456789ABCDEF", "trace-1",
                EventEnvelope.SCHEMA_VERSION, null, data);
    }
}
