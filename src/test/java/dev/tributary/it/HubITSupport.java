package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tributary.ingest.AdversarialInputs;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Helpers shared by the integration tests: posting to ingest, reading the targets and dead letters. */
abstract class HubITSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Stand-ins for the HQ CRM and ERP, shared by every hub the tests start. */
    static final WireMockServer CRM = startTarget();
    static final WireMockServer ERP = startTarget();

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    ConnectionFactory connectionFactory;

    WireMockServer crm() {
        return CRM;
    }

    WireMockServer erp() {
        return ERP;
    }

    /**
     * Settings every test hub shares: its own data directory (broker journal, H2), the WireMock
     * targets, and retry delays short enough for tests.
     */
    static void hubProperties(DynamicPropertyRegistry registry, String name) {
        hubProperties(registry, name, Map.of());
    }

    /**
     * The shared settings with some replaced: a subclass's own {@code @DynamicPropertySource}
     * cannot replace them (Spring applies the superclass's registrations after the subclass's).
     */
    static void hubProperties(DynamicPropertyRegistry registry, String name, Map<String, Object> overrides) {
        Map<String, Object> settings = hubSettings(name);
        settings.putAll(overrides);
        settings.forEach((setting, value) -> registry.add(setting, () -> value));
    }

    /** The settings of {@link #hubProperties}, for a test that starts its hub itself. */
    static Map<String, Object> hubSettings(String name) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("tributary.broker.data-dir", "./target/it-data/" + UUID.randomUUID() + "/" + name);
        settings.put("tributary.targets.crm.base-url", CRM.baseUrl() + "/crm");
        settings.put("tributary.targets.erp.base-url", ERP.baseUrl() + "/erp");
        settings.put("tributary.delivery.redelivery-delay", "100ms");
        settings.put("tributary.delivery.max-redelivery-delay", "1s");
        settings.put("tributary.delivery.retry-poll", "50ms");
        settings.put("tributary.delivery.max-retry-after", "1s");
        // failures injected for single events must not open a target's breaker for the tests
        // after them; the breaker has a test of its own
        for (String target : List.of("crm", "erp")) {
            settings.put("tributary.targets." + target + ".breaker.window", "1000");
            settings.put("tributary.targets." + target + ".breaker.minimum-calls", "1000");
        }
        // the tests post far faster than a region would; the rate limit has its own test region
        settings.put("tributary.security.ingest-rate-per-second", "100000");
        settings.put("tributary.rejected.stored-per-minute", "10000000");
        // every test client is 127.0.0.1: the wrong-password limit has a unit test of its own
        settings.put("tributary.security.failed-logins-per-minute", "100000");
        settings.putAll(HubCredentials.properties());
        return settings;
    }

    @BeforeEach
    void resetTargets() {
        healthyTargets();
    }

    static WireMockServer startTarget() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** Both targets accept every upsert, as healthy HQ systems do. */
    static void healthyTargets() {
        for (WireMockServer target : List.of(CRM, ERP)) {
            target.resetAll();
            target.stubFor(put(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
        }
    }

    /** A unique suffix, so tests sharing one hub never see each other's events. */
    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
    }

    /** A valid 统一社会信用代码 derived from {@code seed}. */
    static String uscc(String seed) {
        return AdversarialInputs.uscc(seed);
    }

    /** A valid canonical order item for {@code orderId}, customer {@code customerId}. */
    static String orderItem(String orderId, String customerId, String uscc) {
        return AdversarialInputs.orderItem(orderId, customerId, uscc);
    }

    HttpResponse<String> post(String region, String body) {
        return post(region, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
    }

    HttpResponse<String> post(String region, byte[] body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/" + region + "/canonical"))
                .header("Content-Type", contentType)
                .header("Authorization", HubCredentials.bearer(region))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request);
    }

    /** Posts with an explicit bearer key, as a client holding {@code key} would. */
    HttpResponse<String> postWithKey(String region, String key, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/" + region + "/canonical"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts without a Content-Length (chunked), so the hub learns the size only by reading. */
    HttpResponse<String> postStreamed(String region, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/" + region + "/canonical"))
                .header("Content-Type", "application/json")
                .header("Authorization", HubCredentials.bearer(region))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        return send(request);
    }

    /** GET as {@code admin}, who may read everything. */
    HttpResponse<String> get(String path) {
        return getAs(HubCredentials.ADMIN, path);
    }

    /** GET as one of the {@link HubCredentials} users, or anonymously when {@code user} is null. */
    HttpResponse<String> getAs(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", HubCredentials.basic(user));
        }
        return send(request.build());
    }

    /** POST of a JSON body as one of the {@link HubCredentials} users. */
    HttpResponse<String> postAs(String user, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", HubCredentials.basic(user));
        }
        return send(request.build());
    }

    /** The global customer id the identity stage gave a source's customer, waiting for it. */
    String customerIdOf(String region, String system, String sourceId) {
        String path = "/api/customers/by-source/" + region + "/" + system + "/" + sourceId;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> getAs(HubCredentials.VIEWER, path).statusCode() == 200);
        return json(getAs(HubCredentials.VIEWER, path).body()).path("globalCustomerId").asText();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PUT requests a target received for one record. */
    /**
     * Makes a target answer an upsert of {@code path} with {@code answers} in turn, then keep
     * answering with the last one (a WireMock scenario named after the path).
     */
    static void answerInTurn(WireMockServer target, String path, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            var stub = put(urlPathEqualTo(path)).inScenario(path)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i).willReturn(answers[i]);
            target.stubFor(i < answers.length - 1 ? stub.willSetStateTo("answer-" + (i + 1)) : stub);
        }
    }

    static List<LoggedRequest> upserts(WireMockServer target, String pathRegex) {
        return target.findAll(putRequestedFor(urlPathMatching(pathRegex)));
    }

    /** Waits until a target has received exactly {@code count} upserts for one record. */
    static List<LoggedRequest> awaitUpserts(WireMockServer target, String pathRegex, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> upserts(target, pathRegex).size() >= count);
        List<LoggedRequest> requests = upserts(target, pathRegex);
        assertThat(requests).hasSize(count);
        return requests;
    }

    /** Takes the dead letter of one event from a target's dead-letter queue, waiting for it. */
    Message takeDeadLetter(String target, String eventId, Duration timeout) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(200);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Message message = jms.receiveSelected(target + ".outbound.DLQ", "tributaryEventId = '" + eventId + "'");
            if (message != null) {
                return message;
            }
        }
        return null;
    }
}
