package dev.tributary.adapter.salesforce;

import static dev.tributary.adapter.salesforce.SalesforceFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.targets.DeliveryOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves the simulator's options the lead's demo and benchmark use: a base URL with a path, keys only. */
class SimulatedSalesforceTest {

    @Test
    void should_answer_a_target_whose_base_url_has_a_path() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = SalesforceFixtures.adapter(simulator.baseUrl() + "/crm", Map.of(
                    "client-id", SimulatedSalesforce.CLIENT_ID, "client-secret", SimulatedSalesforce.CLIENT_SECRET));

            assertThat(adapter.deliver(events("customer-minimal"))).containsExactly(DeliveryOutcome.delivered());
            assertThat(simulator.tokensIssued()).isEqualTo(1);
        }
    }

    @Test
    void should_count_creates_and_updates_alike_when_keeping_keys_only() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            simulator.keepKeysOnly();
            SalesforceAdapter adapter = SalesforceFixtures.adapter(simulator);
            for (int round = 0; round < 2; round++) {
                adapter.deliver(events("customer-chinese-with-uscc"));
                assertThat(adapter.deliver(events("order-two-lines-cny"))).containsExactly(DeliveryOutcome.delivered());
            }

            assertThat(simulator.creates("OrderItem")).isEqualTo(2);
            assertThat(simulator.updates("OrderItem")).isEqualTo(2);
            assertThat(simulator.record("Account", "GC-280111D1E047C895").has("Name")).isFalse();
            assertThat(simulator.record("Order", "cn-east.fxiaoke.O-1001").path("Account").isObject()).isTrue();
        }
    }
}
