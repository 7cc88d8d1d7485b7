package dev.tributary.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves the shared reading of answers: status classes, Retry-After, a call without an answer. */
class TargetHttpTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:30:00Z");

    @ParameterizedTest
    @ValueSource(ints = {300, 400, 404, 409, 422})
    void should_treat_client_errors_and_redirects_as_permanent(int status) {
        DeliveryOutcome outcome = TargetHttp.byStatus(answer(status, Map.of()), "HTTP " + status, "bad field", NOW);

        assertThat(outcome.isPermanent()).isTrue();
        assertThat(outcome.httpStatus()).isEqualTo(status);
        assertThat(outcome.describe()).isEqualTo("HTTP " + status + ": bad field");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503})
    void should_treat_timeouts_throttling_and_server_errors_as_transient(int status) {
        DeliveryOutcome outcome = TargetHttp.byStatus(answer(status, Map.of("retry-after", List.of("3"))), null, "x", NOW);

        assertThat(outcome.isTransient()).isTrue();
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_read_retry_after_as_seconds_or_http_date() {
        assertThat(TargetHttp.retryAfter(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(TargetHttp.retryAfter("Sat, 01 Mar 2025 08:30:04 GMT", NOW)).isEqualTo(Duration.ofSeconds(4));
        assertThat(TargetHttp.retryAfter("Sat, 01 Mar 2025 08:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(TargetHttp.retryAfter("-5", NOW)).isEqualTo(Duration.ZERO);
        assertThat(TargetHttp.retryAfter(null, NOW)).isNull();
        assertThat(TargetHttp.retryAfter("soon", NOW)).isNull();
    }

    @Test
    void should_read_header_names_in_any_case() {
        assertThat(answer(200, Map.of("retry-after", List.of("2"))).header("Retry-After")).isEqualTo("2");
    }

    @Test
    void should_treat_a_call_without_answer_as_transient_and_say_what_happened() {
        assertThat(TargetHttp.noAnswer(new ConnectException("Connection refused")).reason())
                .isEqualTo("target unreachable: Connection refused");
        DeliveryOutcome timeout = TargetHttp.noAnswer(new IOException("read failed", new SocketTimeoutException("Read timed out")));
        assertThat(timeout.isTransient()).isTrue();
        assertThat(timeout.httpStatus()).isNull();
        assertThat(timeout.reason()).isEqualTo("target did not answer in time: Read timed out");
    }

    @Test
    void should_cut_a_long_answer_in_a_reason() {
        assertThat(TargetHttp.excerpt("  " + "x".repeat(2000), 500)).hasSize(501).endsWith("x…");
        assertThat(TargetHttp.excerpt(" short \n", 500)).isEqualTo("short");
    }

    @Test
    void should_percent_encode_an_id_as_one_path_segment() {
        assertThat(TargetHttp.pathSegment("cn-east.fxiaoke.A/B;c,d e*")).isEqualTo("cn-east.fxiaoke.A%2FB%3Bc%2Cd%20e%2A");
    }

    private static TargetHttp.Response answer(int status, Map<String, List<String>> headers) {
        return new TargetHttp.Response(status, headers, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
