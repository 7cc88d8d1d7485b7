package dev.tributary.adapter.httpupsert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.tributary.json.HubJson;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Contract test of the generic upsert against WireMock: the exact request, and each class of answer. */
class HttpUpsertAdapterTest {

    private static final WireMockServer TARGET = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static HttpUpsertAdapter adapter;
    private static TargetEvent order;

    @BeforeAll
    static void start() throws Exception {
        TARGET.start();
        TargetContext context = new TargetContext("erp", TARGET.baseUrl() + "/erp/",
                new TargetHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), 4), HubJson.create(), Clock.systemUTC(),
                new Binder(new MapConfigurationPropertySource()));
        adapter = new HttpUpsertAdapter(context);
        order = TargetEvent.of(Files.readAllBytes(Path.of("src/test/resources/target-events/order-two-lines-cny.json")),
                HubJson.create());
    }

    @AfterAll
    static void stop() {
        TARGET.stop();
    }

    @BeforeEach
    void reset() {
        TARGET.resetAll();
    }

    @Test
    void should_put_the_event_by_external_id() {
        TARGET.stubFor(put(urlPathEqualTo("/erp/orders/cn-east.fxiaoke.O-1001")).willReturn(aResponse().withStatus(200)));

        assertThat(adapter.deliver(List.of(order))).containsExactly(DeliveryOutcome.delivered());

        TARGET.verify(putRequestedFor(urlPathEqualTo("/erp/orders/cn-east.fxiaoke.O-1001"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Idempotency-Key", equalTo("evt-0004"))
                .withHeader("ce-id", equalTo("evt-0004"))
                .withRequestBody(equalToJson(new String(order.body(), java.nio.charset.StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 503})
    void should_read_transient_statuses(int status) {
        TARGET.stubFor(put(urlPathEqualTo("/erp/orders/cn-east.fxiaoke.O-1001"))
                .willReturn(aResponse().withStatus(status).withHeader("Retry-After", "2")));

        DeliveryOutcome outcome = adapter.deliver(List.of(order)).get(0);

        assertThat(outcome.isTransient()).isTrue();
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(outcome.httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 422})
    void should_read_permanent_statuses(int status) {
        TARGET.stubFor(put(urlPathEqualTo("/erp/orders/cn-east.fxiaoke.O-1001"))
                .willReturn(aResponse().withStatus(status).withBody("  {\"error\": \"credit limit exceeded\"}\n")));

        DeliveryOutcome outcome = adapter.deliver(List.of(order)).get(0);

        assertThat(outcome.isPermanent()).isTrue();
        assertThat(outcome.describe()).isEqualTo("target answered HTTP " + status + ": {\"error\": \"credit limit exceeded\"}");
    }

    @Test
    void should_read_a_reset_connection_and_a_slow_answer_as_transient() {
        TARGET.stubFor(put(urlPathEqualTo("/erp/orders/cn-east.fxiaoke.O-1001"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(adapter.deliver(List.of(order)).get(0).isTransient()).isTrue();

        TARGET.stubFor(put(urlPathEqualTo("/erp/orders/cn-east.fxiaoke.O-1001"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
        DeliveryOutcome slow = adapter.deliver(List.of(order)).get(0);
        assertThat(slow.isTransient()).isTrue();
        assertThat(slow.reason()).startsWith("target did not answer in time");
    }
}
