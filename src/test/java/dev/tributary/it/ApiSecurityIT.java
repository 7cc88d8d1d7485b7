package dev.tributary.it;

import static dev.tributary.it.HubCredentials.ADMIN;
import static dev.tributary.it.HubCredentials.OPERATOR;
import static dev.tributary.it.HubCredentials.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Proves who may read what on the admin API and the actuator: anonymous callers get the schemas and
 * the bare health status only, each role its own paths and those of the roles below it, and every
 * refusal is a counted problem+json answer.
 */
class ApiSecurityIT extends H2HubIT {

    /** No handler answers here yet; it stands for every future admin-only API. */
    private static final String ADMIN_ONLY_API = "/api/settings";

    @Autowired
    MeterRegistry meters;

    @Test
    void should_ask_anonymous_callers_to_authenticate_with_basic() {
        for (String path : List.of("/api/stats", "/api/rejected", "/api/customers/42", "/api/deadletters",
                ADMIN_ONLY_API, "/actuator/prometheus", "/actuator/metrics", "/actuator")) {
            double before = refused("no_credential");
            HttpResponse<String> response = getAs(null, path);
            IngestSecurityIT.assertRefusal(response, 401, "Authentication required");
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).as(path).startsWith("Basic");
            assertThat(refused("no_credential")).as(path).isEqualTo(before + 1);
        }
    }

    @Test
    void should_refuse_a_wrong_password() {
        double before = refused("bad_credential");
        String basic = Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send("/api/stats", "Basic " + basic);
        IngestSecurityIT.assertRefusal(response, 401, "Invalid credential");
        assertThat(response.body()).doesNotContain("guess");
        assertThat(refused("bad_credential")).isEqualTo(before + 1);
        assertThat(send("/api/stats", "Basic " + Base64.getEncoder().encodeToString(
                "root:it-admin-password".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
    }

    @Test
    void should_refuse_a_role_below_the_one_a_path_needs_with_403() {
        assertForbidden(VIEWER, "/api/rejected");
        assertForbidden(VIEWER, "/api/steward/pairs");
        assertForbidden(OPERATOR, "/actuator/prometheus");
        assertForbidden(OPERATOR, "/actuator/metrics");
        assertForbidden(VIEWER, ADMIN_ONLY_API);
        assertForbidden(OPERATOR, ADMIN_ONLY_API);
    }

    @Test
    void should_let_each_role_read_its_own_paths() {
        assertThat(getAs(VIEWER, "/api/stats").statusCode()).isEqualTo(200);
        assertThat(getAs(OPERATOR, "/api/rejected?limit=1").statusCode()).isEqualTo(200);
        // (tests run without the Prometheus export, so /actuator/prometheus stands for the actuator here)
        HttpResponse<String> metrics = getAs(ADMIN, "/actuator/metrics/jvm.memory.used");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(json(metrics.body()).path("name").asText()).isEqualTo("jvm.memory.used");
        // past the security rules: no handler answers this path yet
        assertThat(getAs(ADMIN, ADMIN_ONLY_API).statusCode()).isEqualTo(404);
    }

    @Test
    void should_nest_roles_so_a_higher_role_reads_what_a_lower_one_may() {
        assertThat(getAs(ADMIN, "/api/rejected?limit=1").statusCode()).isEqualTo(200);
        assertThat(getAs(ADMIN, "/api/stats").statusCode()).isEqualTo(200);
        assertThat(getAs(OPERATOR, "/api/stats").statusCode()).isEqualTo(200);
    }

    @Test
    void should_answer_health_anonymously_with_the_status_only() {
        HttpResponse<String> anonymous = getAs(null, "/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json(anonymous.body()).path("status").asText()).isEqualTo("UP");
        assertThat(json(anonymous.body()).has("components")).isFalse();
        assertThat(anonymous.body()).doesNotContain("details", "jms", "db");
        assertThat(getAs(null, "/actuator/health/db").body()).doesNotContain("details", "H2");
        assertThat(json(getAs(OPERATOR, "/actuator/health").body()).has("components")).isFalse();
        assertThat(json(getAs(ADMIN, "/actuator/health").body()).at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void should_serve_schemas_anonymously() {
        assertThat(getAs(null, "/api/schema/order").statusCode()).isEqualTo(200);
        assertThat(getAs(null, "/api/schema").statusCode()).isEqualTo(200);
    }

    @Test
    void should_keep_no_session() {
        HttpResponse<String> response = getAs(ADMIN, "/api/stats");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    private void assertForbidden(String user, String path) {
        double before = refused("wrong_role");
        HttpResponse<String> response = getAs(user, path);
        IngestSecurityIT.assertRefusal(response, 403, "Not allowed");
        assertThat(refused("wrong_role")).as("%s on %s", user, path).isEqualTo(before + 1);
    }

    private double refused(String reason) {
        Counter counter = meters.find("tributary.api.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> send(String path, String authorization) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
