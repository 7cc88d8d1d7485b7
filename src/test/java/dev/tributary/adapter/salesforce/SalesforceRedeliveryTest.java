package dev.tributary.adapter.salesforce;

import static dev.tributary.adapter.salesforce.SalesforceFixtures.adapter;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves idempotence against the stateful simulator: a redelivered event updates, never creates twice. */
class SalesforceRedeliveryTest {

    private static final List<TargetEvent> CUSTOMERS = events("customer-chinese-with-uscc", "customer-english-tax-id",
            "customer-minimal");
    private static final List<TargetEvent> DEALS = events("order-two-lines-cny", "opportunity-closed-won-no-amount",
            "order-distributor-cancelled");

    @Test
    void should_update_every_record_when_the_same_events_are_delivered_again() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            for (int round = 0; round < 2; round++) {
                assertThat(adapter.deliver(CUSTOMERS)).containsOnly(DeliveryOutcome.delivered());
                assertThat(adapter.deliver(DEALS)).containsOnly(DeliveryOutcome.delivered());
            }

            assertThat(simulator.creates("Account")).isEqualTo(3);
            assertThat(simulator.updates("Account")).isEqualTo(3);
            assertThat(simulator.creates("Opportunity")).isEqualTo(1);
            assertThat(simulator.updates("Opportunity")).isEqualTo(1);
            assertThat(simulator.creates("Order")).isEqualTo(2);
            assertThat(simulator.updates("Order")).isEqualTo(2);
            assertThat(simulator.creates("OrderItem")).isEqualTo(3);
            assertThat(simulator.updates("OrderItem")).isEqualTo(3);
            assertThat(simulator.record("OrderItem", "cn-east.fxiaoke.O-1001#2").path("PricebookEntry")
                    .path("Tributary_Sku__c").asText()).isEqualTo("SVC-INSTALL");
        }
    }

    @Test
    void should_mark_and_unmark_a_merged_account_without_creating_one() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            TargetEvent merged = SalesforceFixtures.event("customer-minimal");
            // the merged customer's Account exists before the merge, under the merged id
            assertThat(adapter.deliver(List.of(withId(merged, "GC-7E8F0E112D24B539")))).containsOnly(DeliveryOutcome.delivered());

            assertThat(adapter.deliver(events("customer-merge"))).containsOnly(DeliveryOutcome.delivered());
            assertThat(simulator.record("Account", "GC-7E8F0E112D24B539").path("Tributary_Merged_Into__c").asText())
                    .isEqualTo("GC-280111D1E047C895");
            assertThat(adapter.deliver(events("customer-unmerge"))).containsOnly(DeliveryOutcome.delivered());

            assertThat(simulator.record("Account", "GC-7E8F0E112D24B539").has("Tributary_Merged_Into__c")).isFalse();
            assertThat(simulator.creates("Account")).isEqualTo(1);
            assertThat(simulator.updates("Account")).isEqualTo(2);
        }
    }

    @Test
    void should_fail_every_record_of_a_customer_the_simulator_is_told_to_fail() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            adapter.deliver(CUSTOMERS);
            simulator.failRecordsOf("GC-280111D1E047C895", "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");

            List<DeliveryOutcome> outcomes = adapter.deliver(DEALS);

            assertThat(outcomes.get(0).isTransient()).isTrue();
            assertThat(outcomes.get(0).reason()).startsWith("Order cn-east.fxiaoke.O-1001: UNABLE_TO_LOCK_ROW");
            assertThat(outcomes.subList(1, 3)).containsOnly(DeliveryOutcome.delivered());
            assertThat(simulator.creates("OrderItem")).isEqualTo(1);

            simulator.clearFailures();
            assertThat(adapter.deliver(DEALS)).containsOnly(DeliveryOutcome.delivered());
            assertThat(simulator.creates("OrderItem")).isEqualTo(3);
        }
    }

    @Test
    void should_answer_injected_call_failures_and_refuse_unknown_credentials() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            simulator.failNextCalls(1, 503, "SERVER_UNAVAILABLE", "down for maintenance");

            assertThat(adapter.deliver(CUSTOMERS)).allSatisfy(o -> assertThat(o.isTransient()).isTrue());
            assertThat(adapter.deliver(CUSTOMERS)).containsOnly(DeliveryOutcome.delivered());

            SalesforceAdapter wrong = SalesforceFixtures.adapter(simulator.baseUrl(), java.util.Map.of());
            assertThat(wrong.deliver(CUSTOMERS)).allSatisfy(o -> {
                assertThat(o.isPermanent()).isTrue();
                assertThat(o.code()).isEqualTo("invalid_client");
            });
        }
    }

    private static TargetEvent withId(TargetEvent event, String globalCustomerId) {
        return new TargetEvent(event.eventId() + "-" + globalCustomerId, event.collection(), globalCustomerId,
                globalCustomerId, event.region(), event.body());
    }
}
