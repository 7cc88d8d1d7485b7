package dev.tributary.adapter.salesforce;

import static dev.tributary.adapter.salesforce.SalesforceFixtures.adapter;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves idempotence against the stateful simulator: a redelivered event updates, never creates
 * twice, and never sends a create-only field to a record that exists (the simulator refuses them
 * with INVALID_FIELD_FOR_INSERT_UPDATE, as Salesforce does).
 */
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
            // one lookup of the Orders a delivery, and of their items once the Orders exist
            assertThat(simulator.queries()).isEqualTo(3);
        }
    }

    @Test
    void should_add_a_new_line_to_an_existing_order_and_leave_an_activated_order_activated() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            adapter.deliver(CUSTOMERS);
            TargetEvent order = SalesforceFixtures.event("order-two-lines-cny");
            TargetEvent oneLine = withData(order, d -> ((ArrayNode) d.path("lines")).remove(1));
            assertThat(adapter.deliver(List.of(oneLine))).containsOnly(DeliveryOutcome.delivered());
            simulator.activateOrder("cn-east.fxiaoke.O-1001");

            // the order comes again with its second line: line 1 updated, line 2 created, Order still Activated
            assertThat(adapter.deliver(List.of(order))).containsOnly(DeliveryOutcome.delivered());

            assertThat(simulator.creates("OrderItem")).isEqualTo(2);
            assertThat(simulator.updates("OrderItem")).isEqualTo(1);
            assertThat(simulator.updates("Order")).isEqualTo(1);
            assertThat(simulator.record("Order", "cn-east.fxiaoke.O-1001").path("Status").asText()).isEqualTo("Activated");
            assertThat(simulator.record("OrderItem", "cn-east.fxiaoke.O-1001#2").path("Order").path("Tributary_Id__c")
                    .asText()).isEqualTo("cn-east.fxiaoke.O-1001");
        }
    }

    @Test
    void should_refuse_create_only_fields_on_an_existing_item_as_salesforce_does() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            adapter.deliver(CUSTOMERS);
            adapter.deliver(events("order-two-lines-cny"));
            SalesforceMapping mapping = new SalesforceMapping();
            // what the adapter sent before it looked records up: the create shape again
            List<com.fasterxml.jackson.databind.JsonNode> requests = mapping.requests(events("order-two-lines-cny"));
            com.fasterxml.jackson.databind.JsonNode items = requests.get(requests.size() - 1);

            String answer = send(simulator, items.path("path").asText(), items.path("body").toString());

            assertThat(answer).contains("\"success\":false").contains("INVALID_FIELD_FOR_INSERT_UPDATE")
                    .contains("OrderId").contains("PricebookEntryId");
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

            // a rotated secret: the events wait for an operator instead of being dead-lettered
            SalesforceAdapter wrong = SalesforceFixtures.adapter(simulator.baseUrl(), java.util.Map.of());
            assertThat(wrong.deliver(CUSTOMERS)).allSatisfy(o -> {
                assertThat(o.isTransient()).isTrue();
                assertThat(o.code()).isEqualTo("AUTH_invalid_client");
                assertThat(o.reason()).contains("invalid_client").doesNotContain(SalesforceFixtures.CLIENT_SECRET);
            });
        }
    }

    /** {@code event} with its {@code data} changed by {@code change}. */
    private static TargetEvent withData(TargetEvent event, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode body = (ObjectNode) SalesforceFixtures.JSON.readTree(event.body());
            change.accept((ObjectNode) body.path("data"));
            return new TargetEvent(event.eventId() + "-changed", event.collection(), event.externalId(),
                    event.globalCustomerId(), event.region(), SalesforceFixtures.JSON.writeValueAsBytes(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A Collections upsert sent as is, with a token of the simulator; the answer's body. */
    private static String send(SimulatedSalesforce simulator, String path, String body) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String token = SalesforceFixtures.JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(simulator.baseUrl() + SimulatedSalesforce.TOKEN_PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + SimulatedSalesforce.CLIENT_ID + "&client_secret=" + SimulatedSalesforce.CLIENT_SECRET))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.baseUrl() + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TargetEvent withId(TargetEvent event, String globalCustomerId) {
        return new TargetEvent(event.eventId() + "-" + globalCustomerId, event.collection(), globalCustomerId,
                globalCustomerId, event.region(), event.body());
    }
}
