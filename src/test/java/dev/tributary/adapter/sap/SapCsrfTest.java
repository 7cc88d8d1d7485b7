package dev.tributary.adapter.sap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.tributary.adapter.sap.SapTestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tributary.canonical.Customer;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Proves the CSRF token handling: a refused token is replaced once and the call repeated once, by one thread at a time. */
class SapCsrfTest {

    static final String BP = "/sap/opu/odata/sap/API_BUSINESS_PARTNER";
    static final String PARTNER = BP + "/A_BusinessPartner('17100002')";

    @Test
    void should_fetch_a_new_token_once_and_repeat_the_write_once_on_403_required() throws Exception {
        WireMockServer sap = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sap.start();
        TargetContext context = SapTestSupport.context("http://127.0.0.1:" + sap.port(), Map.of());
        try {
            sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner"))
                    .willReturn(okJson("{\"d\":{\"results\":[{\"BusinessPartner\":\"17100002\"}]}}")));
            sap.stubFor(get(urlEqualTo(BP + "/")).inScenario("csrf").whenScenarioStateIs(STARTED).willSetStateTo("second")
                    .willReturn(okJson("{}").withHeader("x-csrf-token", "tok-1").withHeader("Set-Cookie", "SAP_SESSIONID_S4H_100=s1; path=/")));
            sap.stubFor(get(urlEqualTo(BP + "/")).inScenario("csrf").whenScenarioStateIs("second")
                    .willReturn(okJson("{}").withHeader("x-csrf-token", "tok-2").withHeader("Set-Cookie", "SAP_SESSIONID_S4H_100=s2; path=/")));
            sap.stubFor(patch(urlEqualTo(PARTNER)).withHeader("x-csrf-token", equalTo("tok-1"))
                    .willReturn(aResponse().withStatus(403).withHeader("x-csrf-token", "Required").withBody("CSRF token validation failed")));
            sap.stubFor(patch(urlEqualTo(PARTNER)).withHeader("x-csrf-token", equalTo("tok-2"))
                    .withHeader("Cookie", equalTo("SAP_SESSIONID_S4H_100=s2")).willReturn(aResponse().withStatus(204)));

            assertThat(SapTestSupport.adapter(context).deliver(List.of(event("customer-english-tax-id"))))
                    .containsExactly(DeliveryOutcome.delivered());

            sap.verify(2, getRequestedFor(urlEqualTo(BP + "/")).withHeader("x-csrf-token", equalTo("fetch")));
            sap.verify(2, patchRequestedFor(urlEqualTo(PARTNER)));
        } finally {
            context.http().close();
            sap.stop();
        }
    }

    @Test
    void should_give_up_after_one_refresh_when_the_new_token_is_refused_too() throws Exception {
        WireMockServer sap = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sap.start();
        TargetContext context = SapTestSupport.context("http://127.0.0.1:" + sap.port(), Map.of());
        try {
            sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner"))
                    .willReturn(okJson("{\"d\":{\"results\":[{\"BusinessPartner\":\"17100002\"}]}}")));
            sap.stubFor(get(urlEqualTo(BP + "/")).willReturn(okJson("{}").withHeader("x-csrf-token", "tok")));
            sap.stubFor(patch(urlEqualTo(PARTNER))
                    .willReturn(aResponse().withStatus(403).withHeader("x-csrf-token", "Required")));

            DeliveryOutcome outcome = SapTestSupport.adapter(context).deliver(List.of(event("customer-english-tax-id"))).get(0);

            assertThat(outcome.isTransient()).isTrue();
            assertThat(outcome.code()).isEqualTo(ODataErrors.CSRF_REFUSED);
            sap.verify(2, getRequestedFor(urlEqualTo(BP + "/")));
            sap.verify(2, patchRequestedFor(urlEqualTo(PARTNER)));
        } finally {
            context.http().close();
            sap.stop();
        }
    }

    @Test
    void should_refresh_an_expired_token_once_when_many_threads_find_it_expired() throws Exception {
        int customers = 8;
        try (SimulatedSap sap = new SimulatedSap(0)) {
            TargetContext context = SapTestSupport.context(sap.baseUrl(), Map.of());
            SapAdapter adapter = SapTestSupport.adapter(context);
            List<TargetEvent> events = new ArrayList<>();
            for (int i = 0; i < customers; i++) {
                events.add(customer("GC-00000000000000C" + i));
            }
            events.forEach(event -> assertThat(adapter.deliver(List.of(event))).containsExactly(DeliveryOutcome.delivered()));
            assertThat(sap.csrfFetches()).isEqualTo(1);

            sap.expireCsrfTokens();
            ExecutorService threads = Executors.newFixedThreadPool(customers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<DeliveryOutcome>>> outcomes = new ArrayList<>();
            for (TargetEvent event : events) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return adapter.deliver(List.of(event));
                }));
            }
            start.countDown();
            for (Future<List<DeliveryOutcome>> outcome : outcomes) {
                assertThat(outcome.get()).containsExactly(DeliveryOutcome.delivered());
            }
            threads.shutdown();

            assertThat(sap.csrfFetches()).isEqualTo(2);
            assertThat(sap.updates(SimulatedSap.BUSINESS_PARTNERS)).isEqualTo(customers);
            context.http().close();
        }
    }

    /** A customer event like customer-minimal, with another global customer id. */
    static TargetEvent customer(String globalCustomerId) {
        Customer sample = (Customer) event("customer-minimal").record(SapTestSupport.JSON);
        String body = new String(event("customer-minimal").body(), java.nio.charset.StandardCharsets.UTF_8)
                .replace(sample.globalCustomerId(), globalCustomerId);
        return TargetEvent.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), SapTestSupport.JSON);
    }
}
