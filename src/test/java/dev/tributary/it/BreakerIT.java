package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tributary.ops.HubMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves the ERP's circuit breaker: calls failing as a whole open it, and while it is open the hub
 * calls the ERP only for a trial now and then (the events wait, parked, and the time they wait
 * counts no attempts: an outage far longer than the 4 attempts allowed dead-letters nothing);
 * once the ERP answers again a trial call closes it and every waiting event is delivered. The
 * CRM, with its own breaker, is not affected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BreakerIT extends HubITSupport {

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "h2-breaker", Map.of(
                "tributary.targets.erp.breaker.window", "4",
                "tributary.targets.erp.breaker.minimum-calls", "4",
                "tributary.targets.erp.breaker.open-for", "3s",
                "tributary.targets.erp.breaker.half-open-calls", "1"));
    }

    @Test
    void should_open_when_the_erp_keeps_failing_stop_calling_it_then_close_and_deliver_everything() {
        String run = unique("BRK");
        StubMapping down = erp().stubFor(put(urlPathMatching("/erp/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 6; i++) {
            String customer = run + "-" + i;
            assertThat(post("cn-east", orderItem(customer + "-0", customer, uscc(customer))).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> breakerState("erp") == 1);
        int callsWhenOpened = erp().findAll(putRequestedFor(urlPathMatching("/erp/.*"))).size();
        for (int i = 6; i < 20; i++) {
            String customer = run + "-" + i;
            assertThat(post("cn-east", orderItem(customer + "-0", customer, uscc(customer))).statusCode()).isEqualTo(202);
        }
        awaitUpserts(crm(), "/crm/orders/cn-east\\.fxiaoke\\." + run + "-[0-9]+-0", 20);
        assertThat(breakerState("crm")).as("the CRM's breaker").isZero();
        // 15 s of outage: 4 attempts with backoff (100 ms … 1 s) would have dead-lettered every event;
        // throughout, the hub calls the ERP for trials only
        await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(16)).until(
                () -> erp().findAll(putRequestedFor(urlPathMatching("/erp/.*"))).size() - callsWhenOpened < 10);

        erp().removeStub(down);
        awaitUpserts(erp(), "/erp/orders/cn-east\\.fxiaoke\\." + run + "-[0-9]+-0", 20);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(erp().getAllServeEvents())
                .filteredOn(e -> e.getRequest().getUrl().startsWith("/erp/orders/cn-east.fxiaoke." + run)
                        && e.getResponse().getStatus() == 200)
                .extracting(e -> e.getRequest().getUrl()).doesNotHaveDuplicates().hasSize(20));
        assertThat(breakerState("erp")).isZero();
        assertThat(meters.find(HubMetrics.DEAD_LETTERED).tag("target", "erp").counters().stream()
                .mapToDouble(c -> c.count()).sum()).as("events dead-lettered at the ERP").isZero();
    }

    private int breakerState(String target) {
        return (int) meters.get(HubMetrics.BREAKER_STATE).tag("target", target).gauge().value();
    }
}
