package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;

/** The happy path, run against each database the hub supports. */
final class EndToEndScenario {

    private EndToEndScenario() {
    }

    static void orderTravelsEndToEnd(HubITSupport hub) {
        String orderId = HubITSupport.unique("SO");
        String code = HubITSupport.uscc(orderId);
        HttpResponse<String> response = hub.post("cn-east", HubITSupport.orderItem(orderId, "C-" + orderId, code));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = hub.json(response.body()).at("/accepted/0");
        String eventId = accepted.path("eventId").asText();
        String globalId = hub.customerIdOf("cn-east", "fxiaoke", "C-" + orderId);
        assertThat(globalId).matches("GC-[0-9A-F]{16}");

        String path = "/orders/cn-east.fxiaoke." + orderId;
        for (var target : new com.github.tomakehurst.wiremock.WireMockServer[] {hub.crm(), hub.erp()}) {
            String prefix = target == hub.crm() ? "/crm" : "/erp";
            LoggedRequest request = HubITSupport.awaitUpserts(target, prefix + path, 1).get(0);
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo(eventId);
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            JsonNode event = hub.json(request.getBodyAsString());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("id").asText()).isEqualTo(eventId);
            assertThat(event.path("type").asText()).isEqualTo("dev.tributary.order.v1");
            assertThat(event.path("subject").asText()).isEqualTo("cn-east.fxiaoke." + orderId);
            assertThat(event.path("region").asText()).isEqualTo("cn-east");
            assertThat(event.path("sourcesystem").asText()).isEqualTo("fxiaoke");
            assertThat(event.path("globalcustomerid").asText()).isEqualTo(globalId);
            assertThat(event.path("time").asText()).endsWith("Z");
            JsonNode data = event.path("data");
            assertThat(data.path("orderNumber").asText()).isEqualTo("SO-" + orderId);
            assertThat(data.at("/sourceRef/region").asText()).isEqualTo("cn-east");
            assertThat(data.at("/customerRef/unifiedSocialCreditCode").asText()).isEqualTo(code);
            assertThat(data.path("grossTotal").decimalValue()).isEqualByComparingTo("4972.00");
            assertThat(data.at("/lines/1/quantity").decimalValue()).isEqualByComparingTo("3");
            assertThat(data.path("sourceUpdatedAt").asText()).isEqualTo("2026-11-20T00:30:00Z");
        }
    }

    /**
     * A customer whose first order the ERP refuses twice (503): the order is parked, the customer's
     * next two orders wait behind it, and all three reach the ERP in order once it answers.
     */
    static void failingCustomerWaitsAndCatchesUp(HubITSupport hub) {
        String customer = HubITSupport.unique("PARK");
        String first = "/erp/orders/cn-east.fxiaoke." + customer + "-0";
        HubITSupport.answerInTurn(hub.erp(), first, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503),
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503),
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200));
        for (int i = 0; i < 3; i++) {
            assertThat(hub.post("cn-east", HubITSupport.orderItem(customer + "-" + i, customer, HubITSupport.uscc(customer)))
                    .statusCode()).isEqualTo(202);
        }
        String pattern = "/erp/orders/cn-east\\.fxiaoke\\." + customer + "-[0-9]";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                hub.erp().getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().matches(pattern)
                        && e.getResponse().getStatus() == 200).hasSize(3));
        assertThat(hub.erp().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().matches(pattern) && e.getResponse().getStatus() == 200)
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().getUrl().substring(e.getRequest().getUrl().length() - 1)))
                .containsExactly("0", "1", "2");
        assertThat(HubITSupport.upserts(hub.erp(), first.replace(".", "\\."))).as("attempts of the first order").hasSize(3);
    }
}
