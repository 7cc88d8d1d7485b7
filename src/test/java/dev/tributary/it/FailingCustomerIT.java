package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves that a failing customer holds back only its own events: while one customer's calls to the
 * CRM fail (with a retry backoff of 5 s, so a consumer that waited through it would stall every
 * customer sharing it), the other customers' events arrive at once; afterwards the failing
 * customer's events arrive, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FailingCustomerIT extends HubITSupport {

    private static final int OTHERS = 120;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "h2-failing-customer", Map.of(
                "tributary.delivery.redelivery-delay", "5s",
                "tributary.delivery.max-redelivery-delay", "5s",
                "tributary.delivery.max-attempts", "20"));
    }

    @Test
    void should_let_every_other_customer_flow_while_one_fails_and_deliver_its_events_in_order_afterwards() {
        String run = unique("FC");
        String failing = run + "-F";
        String failingPaths = "/crm/orders/cn-east\\.fxiaoke\\." + failing + "-[0-9]+";
        StubMapping down = crm().stubFor(put(urlPathMatching(failingPaths)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"maintenance\"}")));
        for (int i = 0; i < 3; i++) {
            assertThat(post("cn-east", orderItem(failing + "-" + i, failing, uscc(failing))).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !upserts(crm(), failingPaths).isEmpty());

        Map<String, Long> postedAt = new HashMap<>();
        for (int i = 0; i < OTHERS; i++) {
            String customer = run + "-O" + i;
            postedAt.put("/crm/orders/cn-east.fxiaoke." + customer + "-0", System.currentTimeMillis());
            assertThat(post("cn-east", orderItem(customer + "-0", customer, uscc(customer))).statusCode()).isEqualTo(202);
        }
        awaitUpserts(crm(), "/crm/orders/cn-east\\.fxiaoke\\." + run + "-O[0-9]+-0", OTHERS);
        List<Long> latencies = new ArrayList<>();
        for (ServeEvent served : crm().getAllServeEvents()) {
            Long posted = postedAt.get(served.getRequest().getUrl());
            if (posted != null) {
                latencies.add(served.getRequest().getLoggedDate().getTime() - posted);
            }
        }
        latencies.sort(Comparator.naturalOrder());
        System.out.printf("other customers while one fails: %d orders, ms from post to CRM p50 %d, p99 %d, max %d%n",
                latencies.size(), latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 99 / 100),
                latencies.get(latencies.size() - 1));
        // the failing customer is still failing: nothing of it was delivered meanwhile
        assertThat(crm().getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().matches(failingPaths))
                .allMatch(e -> e.getResponse().getStatus() == 503);
        assertThat(latencies).as("ms from posting to arrival at the CRM of %d other customers' orders", OTHERS)
                .hasSize(OTHERS).last().matches(max -> max < 3_000, "below the 5 s retry backoff");

        // what an operator on call sees meanwhile
        String customerId = customerIdOf("cn-east", "fxiaoke", failing);
        com.fasterxml.jackson.databind.JsonNode waiting = json(getAs(HubCredentials.OPERATOR, "/api/targets/crm/parked").body());
        assertThat(waiting.findValuesAsText("customer")).contains(customerId);
        for (com.fasterxml.jackson.databind.JsonNode row : waiting) {
            if (row.path("customer").asText().equals(customerId)) {
                assertThat(row.path("events").asInt()).isEqualTo(3);
                assertThat(row.path("failedAttempts").asInt()).isPositive();
                assertThat(row.path("lastReason").asText()).contains("HTTP 503").contains("maintenance");
            }
        }
        com.fasterxml.jackson.databind.JsonNode targets = json(getAs(HubCredentials.OPERATOR, "/api/targets").body());
        assertThat(targets.findValuesAsText("target")).containsExactly("crm", "erp");
        assertThat(targets.get(0).path("adapter").asText()).isEqualTo("http-upsert");
        assertThat(targets.get(0).path("breaker").asText()).isEqualTo("CLOSED");
        assertThat(targets.get(0).path("parkedCustomers").asInt()).isPositive();
        assertThat(targets.get(0).path("parkedEvents").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(getAs(HubCredentials.VIEWER, "/api/targets").statusCode()).isEqualTo(403);
        assertThat(getAs(HubCredentials.OPERATOR, "/api/targets/nowhere/parked").statusCode()).isEqualTo(404);

        crm().removeStub(down);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(crm().getAllServeEvents())
                .filteredOn(e -> e.getRequest().getUrl().matches(failingPaths) && e.getResponse().getStatus() == 200)
                .hasSize(3));
        List<ServeEvent> delivered = new ArrayList<>(crm().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().matches(failingPaths) && e.getResponse().getStatus() == 200).toList());
        delivered.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        assertThat(delivered).extracting(e -> e.getRequest().getUrl().substring(e.getRequest().getUrl().lastIndexOf('-') + 1))
                .containsExactly("0", "1", "2");
        assertThat(crm().findAll(putRequestedFor(urlPathMatching(failingPaths)))).as("attempts")
                .hasSizeGreaterThanOrEqualTo(4);
    }
}
