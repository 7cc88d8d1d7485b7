package dev.tributary.adapter.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.adapter;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Proves the session: an expired token is replaced once, the call repeated once, by one thread for all. */
class SalesforceSessionTest {

    private static final String ACCOUNTS = "/services/data/v62.0/composite/sobjects/Account/Tributary_Id__c";
    private static final String EXPIRED = """
            [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]""";

    @Test
    void should_fetch_a_new_token_and_repeat_the_call_once_when_the_session_expired() {
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            assertThat(adapter.deliver(events("customer-minimal"))).containsExactly(DeliveryOutcome.delivered());
            simulator.expireTokens();

            assertThat(adapter.deliver(events("customer-minimal"))).containsExactly(DeliveryOutcome.delivered());

            assertThat(simulator.tokensIssued()).isEqualTo(2);
            assertThat(simulator.calls()).isEqualTo(3);
            assertThat(simulator.updates("Account")).isEqualTo(1);
        }
    }

    @Test
    void should_refresh_on_an_invalid_session_id_error_whatever_its_status() {
        WireMockServer salesforce = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        salesforce.start();
        try {
            salesforce.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(okJson("""
                    {"access_token": "token", "token_type": "Bearer"}""")));
            salesforce.stubFor(patch(urlEqualTo(ACCOUNTS)).inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(403).withBody(EXPIRED)).willSetStateTo("renewed"));
            salesforce.stubFor(patch(urlEqualTo(ACCOUNTS)).inScenario("expiry").whenScenarioStateIs("renewed")
                    .willReturn(okJson("""
                            [{"id": "001xx000003DGb2AAG", "success": true, "errors": [], "created": false}]""")));

            List<DeliveryOutcome> outcomes = adapter(salesforce.baseUrl(), Map.of()).deliver(events("customer-minimal"));

            assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
            salesforce.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
            salesforce.verify(2, patchRequestedFor(urlEqualTo(ACCOUNTS)));
        } finally {
            salesforce.stop();
        }
    }

    @Test
    void should_report_transient_when_salesforce_refuses_the_new_token_too() {
        WireMockServer salesforce = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        salesforce.start();
        try {
            salesforce.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(okJson("""
                    {"access_token": "token", "token_type": "Bearer"}""")));
            salesforce.stubFor(patch(urlEqualTo(ACCOUNTS)).willReturn(aResponse().withStatus(401).withBody(EXPIRED)));

            DeliveryOutcome outcome = adapter(salesforce.baseUrl(), Map.of()).deliver(events("customer-minimal")).get(0);

            assertThat(outcome.isTransient()).isTrue();
            assertThat(outcome.code()).isEqualTo("INVALID_SESSION_ID");
            assertThat(outcome.reason()).contains("Session expired or invalid").contains("with a new token too");
            salesforce.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
            salesforce.verify(2, patchRequestedFor(urlEqualTo(ACCOUNTS)));
        } finally {
            salesforce.stop();
        }
    }

    @Test
    void should_fetch_one_new_token_when_many_threads_find_it_expired() throws Exception {
        int threads = 8;
        try (SimulatedSalesforce simulator = new SimulatedSalesforce(0)) {
            SalesforceAdapter adapter = adapter(simulator);
            List<TargetEvent> customers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                customers.add(customer("GC-THREAD-" + i));
            }
            adapter.deliver(customers);
            simulator.expireTokens();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<DeliveryOutcome>>> deliveries = new ArrayList<>();
                for (TargetEvent customer : customers) {
                    deliveries.add(pool.submit(() -> {
                        start.await();
                        return adapter.deliver(List.of(customer));
                    }));
                }
                start.countDown();
                for (Future<List<DeliveryOutcome>> delivery : deliveries) {
                    assertThat(delivery.get()).containsExactly(DeliveryOutcome.delivered());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(simulator.tokensIssued()).isEqualTo(2);
            assertThat(simulator.updates("Account")).isEqualTo(threads);
        }
    }

    /** A customer event like the minimal sample, with another global id. */
    private static TargetEvent customer(String globalCustomerId) {
        try {
            ObjectNode event = (ObjectNode) SalesforceFixtures.JSON.readTree(SalesforceFixtures.event("customer-minimal").body());
            event.put("id", "evt-" + globalCustomerId).put("subject", globalCustomerId).put("globalcustomerid", globalCustomerId);
            ((ObjectNode) event.path("data")).put("globalCustomerId", globalCustomerId);
            return TargetEvent.of(SalesforceFixtures.JSON.writeValueAsBytes(event), SalesforceFixtures.JSON);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
