package dev.tributary.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves how delivery failures are classified: permanent 4xx answers, transient everything else, Retry-After read. */
class FailureTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:30:00Z");
    private static final String URI = "http://crm.example/crm/orders/O-1";

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 422})
    void should_treat_client_errors_as_permanent(int status) {
        Failure failure = Failure.of(http(status, Map.of(), "{\"error\":\"bad field\"}"), NOW);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.reason()).startsWith("target answered HTTP " + status).endsWith("{\"error\":\"bad field\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503})
    void should_treat_timeouts_throttling_and_server_errors_as_transient(int status) {
        Failure failure = Failure.of(http(status, Map.of(), ""), NOW);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(status);
    }

    @Test
    void should_name_status_text_and_body_in_the_reason() {
        Failure failure = Failure.of(new HttpOperationFailedException(URI, 422, "Unprocessable Entity", null,
                Map.of(), "  missing field orderNumber \n"), NOW);

        assertThat(failure.reason())
                .isEqualTo("target answered HTTP 422 Unprocessable Entity: missing field orderNumber");
    }

    @Test
    void should_cut_a_long_body_in_the_reason() {
        Failure failure = Failure.of(http(500, Map.of(), "x".repeat(2000)), NOW);

        assertThat(failure.reason()).hasSizeLessThan(600).endsWith("x…");
    }

    @Test
    void should_read_retry_after_in_seconds() {
        Failure failure = Failure.of(http(429, Map.of("Retry-After", "3"), null), NOW);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_read_retry_after_header_in_any_case() {
        assertThat(Failure.retryAfter(Map.of("retry-after", " 7 "), NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void should_read_retry_after_as_http_date() {
        Failure failure = Failure.of(http(503, Map.of("Retry-After", "Sat, 01 Mar 2025 08:30:04 GMT"), null), NOW);

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void should_treat_past_retry_after_date_as_no_wait() {
        assertThat(Failure.retryAfter(Map.of("Retry-After", "Sat, 01 Mar 2025 08:00:00 GMT"), NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void should_ignore_missing_or_unreadable_retry_after() {
        assertThat(Failure.retryAfter(null, NOW)).isNull();
        assertThat(Failure.retryAfter(Map.of(), NOW)).isNull();
        assertThat(Failure.retryAfter(Map.of("Retry-After", "soon"), NOW)).isNull();
        assertThat(Failure.retryAfter(Map.of("Retry-After", "-5"), NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void should_treat_refused_connection_as_transient_and_unreachable() {
        Failure failure = Failure.of(new ConnectException("Connection refused"), NOW);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.reason()).contains("unreachable").contains("Connection refused");
    }

    @Test
    void should_treat_wrapped_refused_connection_as_unreachable() {
        Failure failure = Failure.of(new RuntimeCamelException(new ConnectException("Connection refused")), NOW);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.reason()).startsWith("target unreachable");
    }

    @Test
    void should_treat_wrapped_socket_timeout_as_transient() {
        Failure failure = Failure.of(
                new RuntimeCamelException(new IOException("read failed", new SocketTimeoutException("Read timed out"))),
                NOW);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.reason()).isEqualTo("target did not answer in time: Read timed out");
    }

    @Test
    void should_treat_unreadable_event_as_permanent() {
        Failure failure = Failure.of(new IllegalArgumentException("no external id"), NOW);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.reason()).isEqualTo("event cannot be delivered: no external id");
    }

    @Test
    void should_treat_unknown_errors_as_transient() {
        Failure failure = Failure.of(new IllegalStateException(), NOW);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.reason()).startsWith("IllegalStateException");
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers, String body) {
        return new HttpOperationFailedException(URI, status, null, null, headers, body);
    }
}
