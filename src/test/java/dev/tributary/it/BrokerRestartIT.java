package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.broker.HubEmbeddedBrokerAccess;
import dev.tributary.ops.HubMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves that a broker outage is visible and loses nothing: while the broker is down ingest
 * answers 503 with Retry-After, and an event that was durable but undelivered when the broker
 * stopped is delivered (once) after it restarts from its journal. A hub of its own, so that
 * stopping its broker disturbs no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerRestartIT extends HubITSupport {

    @Autowired
    HubEmbeddedBrokerAccess broker;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "restart");
    }

    @Test
    void should_answer_503_while_the_broker_is_down_and_deliver_durable_events_after_restart() throws Exception {
        String pending = unique("SO");
        String erpPath = "/erp/orders/cn-east.fxiaoke." + pending;
        // the customer is known first, so that the pending order travels alone (a new customer's
        // golden record would travel with it, and be acknowledged again after the restart too)
        assertThat(post("cn-east", orderItem(pending + "-0", "C-" + pending, uscc(pending))).statusCode()).isEqualTo(202);
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + pending + "-0", 1);
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + pending + "-0", 1);
        // the ERP is slow: the event is still being delivered when the broker stops
        erp().stubFor(put(urlPathEqualTo(erpPath)).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));
        assertThat(post("cn-east", orderItem(pending, "C-" + pending, uscc(pending))).statusCode()).isEqualTo(202);
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + pending, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> upserts(erp(), erpPath).size() >= 1);

        double answeredBefore = erpDeliveries();
        double acknowledgedBefore = erpAcknowledgedAgain();
        broker.stop();
        String refused = unique("SO");
        HttpResponse<String> whileDown = post("cn-east", orderItem(refused, "C-" + refused, uscc(refused)));
        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(whileDown.headers().firstValue("Retry-After")).contains("5");
        assertThat(json(whileDown.body()).path("detail").asText()).contains("send them again");
        // an input refused for the broker stores none of its rejections: it will be sent again
        String good = unique("SO");
        String bad = unique("SO");
        String mixed = "[" + orderItem(good, "C-" + good, uscc(good)) + ","
                + orderItem(bad, "C-" + bad, "91350100M000100Y4Z") + "]";
        double rejectedBefore = rejectedCount();
        assertThat(post("cn-east", mixed).statusCode()).isEqualTo(503);
        assertThat(rejectedCount()).as("rejections of a refused input").isEqualTo(rejectedBefore);

        // the slow ERP answers while the broker is down: the hub cannot acknowledge the event, so
        // it stays on the broker (the restart waits for that answer, so it never races it)
        await().atMost(Duration.ofSeconds(20)).until(() -> erpDeliveries() > answeredBefore);
        erp().resetAll();
        erp().stubFor(put(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)));
        broker.start();

        // the broker hands the unacknowledged event out again; the hub either sends it again or,
        // when the broker marks it redelivered, acknowledges it knowing the ERP has answered it
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> upserts(erp(), erpPath).size() + erpAcknowledgedAgain() - acknowledgedBefore >= 1);
        String after = unique("SO");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> post("cn-east", orderItem(after, "C-" + after, uscc(after))).statusCode() == 202);
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + after, 1);
        HttpResponse<String> mixedAgain = post("cn-east", mixed);
        assertThat(mixedAgain.statusCode()).as(mixedAgain.body()).isEqualTo(207);
        assertThat(json(mixedAgain.body()).at("/rejected/0/rejectionId").isIntegralNumber()).isTrue();
        assertThat(rejectedCount()).as("stored once, when the input was taken").isEqualTo(rejectedBefore + 1);
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + after, 1);
        assertThat(upserts(crm(), "/crm/orders/cn-east.fxiaoke." + pending)).hasSize(1);
        assertThat(upserts(erp(), erpPath).size() + erpAcknowledgedAgain() - acknowledgedBefore)
                .as("the pending event, handled once after the restart").isEqualTo(1);
    }

    /** Rejections stored at ingest for cn-east. */
    private double rejectedCount() {
        return meters.find(HubMetrics.REJECTED).tag("region", "cn-east").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Redelivered events the hub acknowledged without sending them to the ERP again. */
    private double erpAcknowledgedAgain() {
        return meters.find(HubMetrics.ACKNOWLEDGED_AGAIN).tag("target", "erp").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** ERP answers the hub has counted (it counts an answer before acknowledging the event). */
    private double erpDeliveries() {
        return meters.find(HubMetrics.DELIVERED).tag("target", "erp").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
