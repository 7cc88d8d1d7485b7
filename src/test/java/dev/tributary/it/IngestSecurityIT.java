package dev.tributary.it;

import static dev.tributary.it.HubCredentials.KEYLESS_REGION;
import static dev.tributary.it.HubCredentials.REGION_KEYS;
import static dev.tributary.it.HubCredentials.SIGNED_REGION;
import static dev.tributary.it.HubCredentials.SIGNED_REGION_KEY;
import static dev.tributary.it.HubCredentials.SIGNED_REGION_SECRET;
import static dev.tributary.it.HubCredentials.THROTTLED_REGION;
import static dev.tributary.it.HubCredentials.THROTTLED_REGION_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.security.RequestSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Proves the ingest trust boundary: only a region's own credential (its bearer key, or a signed
 * request where the region signs) gets through, within the region's rate limit; every refusal is a
 * problem+json answer that names the reason but not the credential, and is counted.
 */
@ExtendWith(OutputCaptureExtension.class)
class IngestSecurityIT extends H2HubIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String WRONG_KEY = "not-the-key-0123456789";

    @Autowired
    MeterRegistry meters;

    @Test
    void should_refuse_a_request_without_credential_with_401_and_a_bearer_challenge() {
        HttpResponse<String> response = refusedCounting("cn-east", "no_credential",
                () -> send("cn-east", order(), List.of()));
        assertRefusal(response, 401, "Authentication required");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void should_refuse_a_malformed_authorization_header() {
        for (String header : List.of("Basic " + REGION_KEYS.get("cn-east"), "Bearer ", REGION_KEYS.get("cn-east"))) {
            HttpResponse<String> response = refusedCounting("cn-east", "bad_credential",
                    () -> send("cn-east", order(), List.of("Authorization", header)));
            assertRefusal(response, 401, "Invalid credential");
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        }
    }

    @Test
    void should_refuse_a_wrong_key_without_repeating_or_logging_it(CapturedOutput output) {
        HttpResponse<String> response = refusedCounting("cn-east", "bad_credential",
                () -> send("cn-east", order(), List.of("Authorization", "Bearer " + WRONG_KEY)));
        assertRefusal(response, 401, "Invalid credential");
        assertThat(response.body()).doesNotContain(WRONG_KEY);
        assertThat(output.getAll()).contains("bad_credential").doesNotContain(WRONG_KEY);
    }

    @Test
    void should_refuse_another_regions_key_with_403() {
        HttpResponse<String> response = refusedCounting("cn-east", "wrong_region",
                () -> send("cn-east", order(), bearer(REGION_KEYS.get("cn-south"))));
        assertRefusal(response, 403, "Wrong region");
        assertThat(response.body()).doesNotContain(REGION_KEYS.get("cn-south"));
    }

    @Test
    void should_refuse_every_request_to_a_region_without_a_configured_key() {
        assertRefusal(refusedCounting(KEYLESS_REGION, "no_credential",
                () -> send(KEYLESS_REGION, order(), List.of())), 401, "Authentication required");
        assertRefusal(refusedCounting(KEYLESS_REGION, "bad_credential",
                () -> send(KEYLESS_REGION, order(), bearer(WRONG_KEY))), 401, "Invalid credential");
        assertRefusal(refusedCounting(KEYLESS_REGION, "wrong_region",
                () -> send(KEYLESS_REGION, order(), bearer(REGION_KEYS.get("cn-east")))), 403, "Wrong region");
    }

    @Test
    void should_tell_only_an_authenticated_caller_that_a_region_does_not_exist_and_never_list_the_regions() {
        HttpResponse<String> anonymous = refusedCounting("unknown", "no_credential",
                () -> send("atlantis", order(), List.of()));
        assertRefusal(anonymous, 401, "Authentication required");
        HttpResponse<String> authenticated = send("atlantis", order(), bearer(REGION_KEYS.get("cn-east")));
        assertThat(authenticated.statusCode()).isEqualTo(404);
        assertThat(authenticated.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(authenticated.body()).doesNotContain("cn-south", "eu-west", "cn-east");
    }

    @Test
    void should_accept_a_signed_request_and_hand_the_controller_the_body_it_signed() {
        String order = order();
        HttpResponse<String> response = send(SIGNED_REGION, order, signed(now(), order));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response.body()).at("/accepted/0/eventId").asText()).isNotEmpty();
    }

    @Test
    void should_answer_an_anonymous_caller_of_a_signing_region_as_any_other_region() {
        HttpResponse<String> signing = send(SIGNED_REGION, order(), List.of());
        HttpResponse<String> plain = send("cn-south", order(), List.of());

        assertRefusal(signing, 401, "Authentication required");
        assertThat(json(signing.body()).path("detail")).isEqualTo(json(plain.body()).path("detail"));
    }

    @Test
    void should_require_a_signature_where_the_region_signs_even_with_its_key() {
        HttpResponse<String> response = refusedCounting(SIGNED_REGION, "bad_signature",
                () -> send(SIGNED_REGION, order(), bearer(SIGNED_REGION_KEY)));
        assertRefusal(response, 401, "Invalid signature");
    }

    @Test
    void should_refuse_a_signature_that_does_not_match_the_body() {
        String timestamp = now();
        List<String> headers = signed(timestamp, "[]");
        HttpResponse<String> response = refusedCounting(SIGNED_REGION, "bad_signature",
                () -> send(SIGNED_REGION, order(), headers));
        assertRefusal(response, 401, "Invalid signature");
    }

    @Test
    void should_refuse_a_stale_timestamp() {
        String order = order();
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 301);
        HttpResponse<String> response = refusedCounting(SIGNED_REGION, "stale_timestamp",
                () -> send(SIGNED_REGION, order, signed(stale, order)));
        assertRefusal(response, 401, "Stale timestamp");
    }

    @Test
    void should_refuse_a_replayed_signed_request() {
        String order = order();
        List<String> headers = signed(now(), order);
        assertThat(send(SIGNED_REGION, order, headers).statusCode()).isEqualTo(202);
        HttpResponse<String> replay = refusedCounting(SIGNED_REGION, "replay",
                () -> send(SIGNED_REGION, order, headers));
        assertRefusal(replay, 401, "Replayed request");
    }

    @Test
    void should_answer_413_to_a_signed_body_over_the_limit_before_checking_its_signature() {
        String huge = "[" + " ".repeat(1_048_576) + "]";
        HttpResponse<String> response = send(SIGNED_REGION, huge, signed(now(), "[]"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void should_refuse_requests_over_the_regions_rate_limit_with_429_and_retry_after() {
        double before = refused(THROTTLED_REGION, "rate_limited");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            HttpResponse<String> response = send(THROTTLED_REGION, "[]", bearer(THROTTLED_REGION_KEY));
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("statuses %s", statuses).isNotNull();
        assertThat(statuses.size()).isGreaterThan(1); // the first request of a period passes
        assertRefusal(limited, 429, "Too many requests");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(refused(THROTTLED_REGION, "rate_limited")).isGreaterThan(before);
    }

    @Test
    void should_let_a_regions_own_key_through() {
        HttpResponse<String> response = send("cn-east", order(), bearer(REGION_KEYS.get("cn-east")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private HttpResponse<String> refusedCounting(String region, String reason, Supplier<HttpResponse<String>> call) {
        double before = refused(region, reason);
        HttpResponse<String> response = call.get();
        assertThat(refused(region, reason)).as("tributary.ingest.refused{region=%s,reason=%s}", region, reason)
                .isEqualTo(before + 1);
        return response;
    }

    private double refused(String region, String reason) {
        Counter counter = meters.find("tributary.ingest.refused").tag("region", region).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A refusal: its status, a problem+json body with a readable title and nothing internal or secret in it. */
    static void assertRefusal(HttpResponse<String> response, int status, String title) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"" + title + "\"", "\"detail\":", "\"status\":" + status)
                .doesNotContain("Exception", "at dev.", "org.springframework", "trace")
                .doesNotContain(REGION_KEYS.values()).doesNotContain(SIGNED_REGION_KEY, SIGNED_REGION_SECRET,
                        THROTTLED_REGION_KEY)
                .doesNotContain(HubCredentials.PASSWORDS.values());
    }

    private static List<String> bearer(String key) {
        return List.of("Authorization", "Bearer " + key);
    }

    private static List<String> signed(String timestamp, String body) {
        return List.of(RequestSignature.TIMESTAMP_HEADER, timestamp, RequestSignature.SIGNATURE_HEADER,
                RequestSignature.sign(SIGNED_REGION_SECRET.getBytes(StandardCharsets.UTF_8), timestamp,
                        body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }

    private static String order() {
        String id = unique("SEC");
        return orderItem(id, "C-" + id, uscc(id));
    }

    private HttpResponse<String> send(String region, String body, List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ingest/" + region + "/canonical"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
