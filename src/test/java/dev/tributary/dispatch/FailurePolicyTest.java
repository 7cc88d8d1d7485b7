package dev.tributary.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.broker.HubHeaders;
import dev.tributary.config.HubProperties;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Proves what a failed delivery does next: retry in the route, go back to the broker, or dead-letter with a reason. */
class FailurePolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:30:00Z");
    private static final int MAX_DELIVERIES = 5;
    private static final int ROUTE_RETRIES = 2;

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final FailurePolicy policy = new FailurePolicy(
            new HubProperties.Delivery(ROUTE_RETRIES, Duration.ofMillis(200), Duration.ofSeconds(5),
                    Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), MAX_DELIVERIES),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void closeContext() {
        context.stop();
    }

    // ---- deadLetterNow ----

    @Test
    void should_dead_letter_a_permanent_failure_on_first_delivery() {
        Exchange exchange = failed(http(422, Map.of()), 1);

        assertThat(policy.deadLetterNow(exchange)).isTrue();
    }

    @Test
    void should_dead_letter_a_transient_failure_on_the_last_allowed_delivery() {
        assertThat(policy.deadLetterNow(failed(http(503, Map.of()), MAX_DELIVERIES))).isTrue();
        assertThat(policy.deadLetterNow(failed(http(503, Map.of()), MAX_DELIVERIES + 1))).isTrue();
    }

    @Test
    void should_leave_a_transient_failure_to_the_broker_before_the_last_delivery() {
        assertThat(policy.deadLetterNow(failed(http(503, Map.of()), MAX_DELIVERIES - 1))).isFalse();
        assertThat(policy.deadLetterNow(failed(new ConnectException("Connection refused"), 1))).isFalse();
    }

    @Test
    void should_read_the_delivery_count_from_the_jms_header_when_the_property_is_absent() {
        Exchange exchange = failed(http(500, Map.of()), null);
        exchange.getMessage().setHeader(HubHeaders.DELIVERY_COUNT, MAX_DELIVERIES);

        assertThat(policy.deadLetterNow(exchange)).isTrue();
    }

    @Test
    void should_count_a_message_without_delivery_count_as_first_delivery() {
        Exchange exchange = failed(http(500, Map.of()), null);

        assertThat(FailurePolicy.deliveryCount(exchange)).isEqualTo(1);
        assertThat(policy.deadLetterNow(exchange)).isFalse();
    }

    // ---- retryInRoute ----

    @Test
    void should_retry_a_transient_failure_in_the_route() {
        Exchange exchange = failed(http(503, Map.of()), 1);

        assertThat(policy.retryInRoute(exchange)).isTrue();
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
    }

    @Test
    void should_stop_retrying_in_the_route_after_the_configured_retries() {
        Exchange exchange = failed(http(503, Map.of()), 1);

        // Camel numbers the redelivery it asks about: 1 before the first retry
        exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, ROUTE_RETRIES);
        assertThat(policy.retryInRoute(exchange)).isTrue();

        exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, ROUTE_RETRIES + 1);
        assertThat(policy.retryInRoute(exchange)).isFalse();
    }

    @Test
    void should_not_retry_a_permanent_failure() {
        assertThat(policy.retryInRoute(failed(http(400, Map.of()), 1))).isFalse();
    }

    @Test
    void should_wait_as_long_as_the_target_asks_in_retry_after() {
        Exchange exchange = failed(http(429, Map.of("Retry-After", "3")), 1);

        assertThat(policy.retryInRoute(exchange)).isTrue();
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(3000L);
    }

    @Test
    void should_wait_until_the_retry_after_date() {
        Exchange exchange = failed(http(503, Map.of("Retry-After", "Sat, 01 Mar 2025 08:30:02 GMT")), 1);

        assertThat(policy.retryInRoute(exchange)).isTrue();
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(2000L);
    }

    @Test
    void should_leave_a_long_retry_after_to_the_broker() {
        Exchange exchange = failed(http(429, Map.of("Retry-After", "60")), 1);

        assertThat(policy.retryInRoute(exchange)).isFalse();
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
    }

    // ---- describe ----

    @Test
    void should_describe_a_permanent_failure_for_the_dead_letter_queue() {
        Exchange exchange = failed(new HttpOperationFailedException("http://crm.example/crm/orders/O-1", 422,
                "Unprocessable Entity", null, Map.of(), "orderNumber is required"), 1);

        policy.describe(exchange, "crm");

        var message = exchange.getMessage();
        assertThat(message.getHeader(HubHeaders.FAILURE_REASON))
                .isEqualTo("target answered HTTP 422 Unprocessable Entity: orderNumber is required");
        assertThat(message.getHeader(HubHeaders.FAILURE_KIND)).isEqualTo("PERMANENT");
        assertThat(message.getHeader(HubHeaders.FAILURE_STATUS)).isEqualTo(422);
        assertThat(message.getHeader(HubHeaders.FAILURE_TARGET)).isEqualTo("crm");
        assertThat(message.getHeader(HubHeaders.FAILURE_ATTEMPTS)).isEqualTo(1);
        assertThat(message.getHeader(HubHeaders.FAILED_AT)).isEqualTo("2025-03-01T08:30:00Z");
    }

    @Test
    void should_describe_exhausted_retries_from_the_caught_exception() {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new ConnectException("Connection refused"));
        exchange.setProperty(FailurePolicy.DELIVERY_COUNT, MAX_DELIVERIES);

        policy.describe(exchange, "erp");

        var message = exchange.getMessage();
        assertThat(message.getHeader(HubHeaders.FAILURE_KIND)).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(message.getHeader(HubHeaders.FAILURE_REASON, String.class)).contains("unreachable");
        assertThat(message.getHeader(HubHeaders.FAILURE_STATUS)).isNull();
        assertThat(message.getHeader(HubHeaders.FAILURE_TARGET)).isEqualTo("erp");
        assertThat(message.getHeader(HubHeaders.FAILURE_ATTEMPTS)).isEqualTo(MAX_DELIVERIES);
    }

    @Test
    void should_describe_an_exchange_without_exception_as_unknown() {
        Exchange exchange = new DefaultExchange(context);

        policy.describe(exchange, "crm");

        assertThat(exchange.getMessage().getHeader(HubHeaders.FAILURE_REASON)).isEqualTo("unknown failure");
        assertThat(exchange.getMessage().getHeader(HubHeaders.FAILURE_KIND)).isEqualTo("RETRIES_EXHAUSTED");
    }

    private Exchange failed(Exception error, Integer deliveryCount) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setException(error);
        if (deliveryCount != null) {
            exchange.setProperty(FailurePolicy.DELIVERY_COUNT, deliveryCount);
        }
        return exchange;
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://crm.example/crm/orders/O-1", status, null, null, headers, "");
    }
}
