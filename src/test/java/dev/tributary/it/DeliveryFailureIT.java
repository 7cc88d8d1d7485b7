package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.tributary.broker.HubHeaders;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Proves the failure handling of delivery with failures injected at the target: transient errors
 * are retried (parked, then tried again with backoff) until they succeed, a permanent 4xx goes to
 * the dead-letter queue after one attempt with its reason, and a target that stays down ends in
 * the dead-letter queue after the configured number of attempts (4 in the failsafe settings).
 */
class DeliveryFailureIT extends H2HubIT {

    private static final int MAX_ATTEMPTS = 4;

    @Test
    void should_deliver_once_when_target_fails_three_times_then_succeeds() throws JMSException {
        String orderId = unique("SO");
        String path = "/erp/orders/cn-east.fxiaoke." + orderId;
        answerInTurn(erp(), path, aResponse().withStatus(500),
                aResponse().withStatus(503).withHeader("Retry-After", "0"), aResponse().withStatus(500),
                aResponse().withStatus(200));

        String eventId = postOrder(orderId);

        awaitUpserts(erp(), path, 4);
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + orderId, 1);
        assertThat(takeDeadLetter("erp", eventId, Duration.ofSeconds(2))).isNull();
        // a later event of the same customer flows, so the retried one is settled, not pending
        String next = unique("SO");
        postOrder(next);
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + next, 1);
        assertThat(upserts(erp(), path)).hasSize(4);
    }

    @Test
    void should_dead_letter_after_one_attempt_when_target_rejects_with_400() throws JMSException {
        String orderId = unique("SO");
        String path = "/crm/orders/cn-east.fxiaoke." + orderId;
        crm().stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"field Account__c is required\"}")));

        String eventId = postOrder(orderId);

        Message deadLetter = takeDeadLetter("crm", eventId, Duration.ofSeconds(20));
        assertThat(deadLetter).as("dead letter in crm.outbound.DLQ").isNotNull();
        assertThat(deadLetter.getStringProperty(HubHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");
        assertThat(deadLetter.getIntProperty(HubHeaders.FAILURE_STATUS)).isEqualTo(400);
        assertThat(deadLetter.getStringProperty(HubHeaders.FAILURE_REASON))
                .contains("HTTP 400").contains("field Account__c is required");
        assertThat(deadLetter.getStringProperty(HubHeaders.FAILURE_TARGET)).isEqualTo("crm");
        assertThat(deadLetter.getStringProperty(HubHeaders.REGION)).isEqualTo("cn-east");
        assertThat(deadLetter).isInstanceOf(BytesMessage.class);
        assertThat(new String(deadLetter.getBody(byte[].class), StandardCharsets.UTF_8)).contains("\"orderNumber\":\"SO-" + orderId + "\"");
        assertThat(upserts(crm(), path)).hasSize(1);
        // the other target is not affected
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + orderId, 1);
        assertThat(takeDeadLetter("erp", eventId, Duration.ofMillis(500))).isNull();
    }

    @Test
    void should_dead_letter_after_configured_attempts_when_target_stays_down() throws JMSException {
        String orderId = unique("SO");
        String path = "/erp/orders/cn-east.fxiaoke." + orderId;
        erp().stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        String eventId = postOrder(orderId);

        Message deadLetter = takeDeadLetter("erp", eventId, Duration.ofSeconds(40));
        assertThat(deadLetter).as("dead letter in erp.outbound.DLQ").isNotNull();
        assertThat(deadLetter.getStringProperty(HubHeaders.FAILURE_KIND)).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(deadLetter.getIntProperty(HubHeaders.FAILURE_ATTEMPTS)).isEqualTo(MAX_ATTEMPTS);
        assertThat(deadLetter.getStringProperty(HubHeaders.FAILURE_REASON)).isNotBlank();
        assertThat(upserts(erp(), path)).hasSize(MAX_ATTEMPTS);
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + orderId, 1);
    }

    @Test
    void should_retry_a_timeout_and_a_429_then_deliver() {
        String orderId = unique("SO");
        String path = "/crm/orders/cn-east.fxiaoke." + orderId;
        answerInTurn(crm(), path, aResponse().withStatus(200).withFixedDelay(3_000),
                aResponse().withStatus(429).withHeader("Retry-After", "1"), aResponse().withStatus(200));

        postOrder(orderId);

        awaitUpserts(crm(), path, 3);
    }

    @Test
    void should_wait_out_a_long_retry_after_up_to_the_longest_honoured_then_dead_letter() throws JMSException {
        String orderId = unique("SO");
        String path = "/crm/orders/cn-east.fxiaoke." + orderId;
        crm().stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

        String eventId = postOrder(orderId);

        long start = System.nanoTime();
        Message deadLetter = takeDeadLetter("crm", eventId, Duration.ofSeconds(30));
        assertThat(deadLetter).as("dead letter in crm.outbound.DLQ after %d requests", upserts(crm(), path).size())
                .isNotNull();
        assertThat(deadLetter.getIntProperty(HubHeaders.FAILURE_STATUS)).isEqualTo(429);
        assertThat(deadLetter.getStringProperty(HubHeaders.FAILURE_KIND)).isEqualTo("RETRIES_EXHAUSTED");
        // one request per attempt, each after the Retry-After (cut to max-retry-after, 1 s here)
        assertThat(upserts(crm(), path)).hasSize(MAX_ATTEMPTS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(MAX_ATTEMPTS - 1));
    }

    private String postOrder(String orderId) {
        HttpResponse<String> response = post("cn-east", orderItem(orderId, "C-" + orderId, uscc(orderId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).at("/accepted/0/eventId").asText();
    }
}
