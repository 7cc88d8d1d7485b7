package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tributary.adapter.fxiaoke.FxiaokePollers;
import dev.tributary.adapter.fxiaoke.FxiaokePollers.Outcome;
import dev.tributary.adapter.fxiaoke.SimulatedFxiaoke;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves the 纷享销客 poller against a simulated Fxiaoke (WireMock) with the real intake, embedded
 * broker and H2: token refresh, paging, rows sharing the boundary time, errorCode ≠ 0, backoff and
 * non-overlapping polls. Each test has its own source (and simulator), so watermarks never mix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FxiaokePollingIT extends HubITSupport {

    static final String REGION = "cn-south";
    static final Map<String, SimulatedFxiaoke> FXIAOKE = Map.of(
            "token", new SimulatedFxiaoke(0), "paging", new SimulatedFxiaoke(0), "boundary", new SimulatedFxiaoke(0),
            "failing", new SimulatedFxiaoke(0), "backoff", new SimulatedFxiaoke(0), "overlap", new SimulatedFxiaoke(0),
            "late", new SimulatedFxiaoke(0), "partial", new SimulatedFxiaoke(0));

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "fxiaoke");
        FXIAOKE.forEach((source, fxiaoke) -> sourceSettings(source, fxiaoke.baseUrl())
                .forEach((key, value) -> registry.add(key, () -> value)));
        registry.add("tributary.regions." + REGION + ".sources.late.visibility-lag", () -> "1500ms");
        registry.add("tributary.regions." + REGION + ".sources.partial.objects", () -> "AccountObj,NewOpportunityObj");
    }

    /** A Fxiaoke source of cn-south polled only when a test says so. */
    static Map<String, String> sourceSettings(String source, String baseUrl) {
        String at = "tributary.regions." + REGION + ".sources." + source + ".";
        return Map.ofEntries(Map.entry(at + "adapter", "fxiaoke"), Map.entry(at + "base-url", baseUrl),
                Map.entry(at + "app-id", "FSAID_it"), Map.entry(at + "app-secret", "it-secret"),
                Map.entry(at + "permanent-code", "it-code"), Map.entry(at + "current-open-user-id", "FSUID_it"),
                Map.entry(at + "objects", "AccountObj"), Map.entry(at + "page-size", "2"),
                Map.entry(at + "poll-interval", "1h"), Map.entry(at + "initial-delay", "1h"),
                Map.entry(at + "token-refresh-margin", "0s"), Map.entry(at + "response-timeout", "300ms"),
                Map.entry(at + "backoff-initial", "20ms"), Map.entry(at + "backoff-max", "80ms"),
                Map.entry(at + "backoff-retries", "4"));
    }

    @Autowired
    FxiaokePollers pollers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @AfterAll
    static void stopFxiaoke() {
        FXIAOKE.values().forEach(SimulatedFxiaoke::close);
    }

    static ObjectNode account(String id, long modified) {
        ObjectNode row = JsonNodeFactory.instance.objectNode().put("_id", id).put("name", "深圳测试公司 " + id)
                .put("tel", "0755-8888 0000").put("last_modified_time", modified);
        row.putArray("owner").add("1000");
        return row;
    }

    double intake(String source, String outcome) {
        Counter c = meters.find("tributary.intake.records").tags("region", REGION, "source", source, "outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    long watermark(String source) {
        return jdbc.queryForList("SELECT modified_at FROM source_watermark WHERE region = ? AND source = ?", Long.class,
                REGION, source).stream().findFirst().orElse(-1L);
    }

    @Test
    void should_run_one_timer_route_per_source_with_a_stable_id() {
        assertThat(camel.getRoute("fxiaoke-cn-south-paging")).isNotNull();
        assertThat(camel.getRoute("fxiaoke-cn-south-crm")).as("the disabled source of config/regions.yml").isNull();
    }

    @Test
    void should_refresh_the_token_when_it_expires_and_once_when_fxiaoke_calls_it_invalid() throws Exception {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("token");
        fxiaoke.expiresIn(1);
        fxiaoke.put("AccountObj", account("tok-1", 1_000));
        assertThat(pollers.poll(REGION, "token")).isEqualTo(Outcome.COMPLETED);
        assertThat(fxiaoke.tokensIssued()).isEqualTo(1);
        assertThat(pollers.poll(REGION, "token")).isEqualTo(Outcome.COMPLETED);
        assertThat(fxiaoke.tokensIssued()).as("a token still valid is reused").isEqualTo(1);

        Thread.sleep(1_100); // the token's whole lifetime
        fxiaoke.put("AccountObj", account("tok-2", 2_000));
        assertThat(pollers.poll(REGION, "token")).isEqualTo(Outcome.COMPLETED);
        assertThat(fxiaoke.tokensIssued()).as("an expired token is replaced before use").isEqualTo(2);

        fxiaoke.expiresIn(7200);
        fxiaoke.revokeTokens(); // Fxiaoke now answers errorCode 20016 for the cached token
        fxiaoke.put("AccountObj", account("tok-3", 3_000));
        assertThat(pollers.poll(REGION, "token")).isEqualTo(Outcome.COMPLETED);
        assertThat(fxiaoke.tokensIssued()).as("one new token after errorCode 20016").isEqualTo(3);
        assertThat(intake("token", "accepted")).isEqualTo(3);
        assertThat(watermark("token")).isEqualTo(3_000);
    }

    @Test
    void should_read_every_page_and_advance_the_watermark_page_by_page() {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("paging");
        for (int i = 1; i <= 5; i++) {
            fxiaoke.put("AccountObj", account("page-" + i, 10_000 + i));
        }
        assertThat(pollers.poll(REGION, "paging")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("paging", "accepted")).isEqualTo(5);
        assertThat(watermark("paging")).isEqualTo(10_005);
        assertThat(fxiaoke.server().findAll(postRequestedFor(urlPathEqualTo("/cgi/crm/v2/data/query"))))
                .as("three pages of two").hasSize(3);
        // this test's customers (an event of another test's customer may still arrive)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> upserts(crm(),
                "/crm/customers/.*").stream().filter(r -> r.getBodyAsString().contains("\"sourceId\":\"page-")).count() == 5);

        assertThat(pollers.poll(REGION, "paging")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("paging", "accepted") + intake("paging", "repeated")).as("nothing sent again").isEqualTo(5);
    }

    @Test
    void should_hand_over_rows_sharing_the_boundary_time_exactly_once() {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("boundary");
        // three rows in one millisecond with pages of two: the page boundary falls inside the group
        fxiaoke.put("AccountObj", account("same-a", 50_000));
        fxiaoke.put("AccountObj", account("same-b", 50_000));
        fxiaoke.put("AccountObj", account("same-c", 50_000));
        assertThat(pollers.poll(REGION, "boundary")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("boundary", "accepted")).isEqualTo(3);
        assertThat(watermark("boundary")).isEqualTo(50_000);

        // more changes arrive in that same millisecond, and one later
        fxiaoke.put("AccountObj", account("same-d", 50_000));
        fxiaoke.put("AccountObj", account("same-e", 50_000));
        fxiaoke.put("AccountObj", account("later-f", 50_001));
        assertThat(pollers.poll(REGION, "boundary")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("boundary", "accepted")).isEqualTo(6);
        assertThat(intake("boundary", "repeated")).as("no row handed over twice").isZero();
        assertThat(watermark("boundary")).isEqualTo(50_001);

        assertThat(pollers.poll(REGION, "boundary")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("boundary", "accepted") + intake("boundary", "repeated")).isEqualTo(6);
    }

    @Test
    void should_treat_an_error_code_as_an_error_keep_the_watermark_and_recover() {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("failing");
        fxiaoke.put("AccountObj", account("err-1", 70_000));
        var failure = fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo("/cgi/crm/v2/data/query")).atPriority(1)
                .willReturn(okJson("{\"errorCode\": 30003, \"errorMessage\": \"客户没有购买openapi配额\"}")));
        assertThat(pollers.poll(REGION, "failing")).isEqualTo(Outcome.FAILED);
        assertThat(intake("failing", "accepted")).as("nothing delivered").isZero();
        assertThat(watermark("failing")).as("no watermark stored").isEqualTo(-1);
        assertThat(meters.find("tributary.source.errors").tags("source", "failing", "kind", "errorCode-30003").counter())
                .isNotNull();

        fxiaoke.server().removeStub(failure);
        assertThat(pollers.poll(REGION, "failing")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("failing", "accepted")).isEqualTo(1);
        assertThat(watermark("failing")).isEqualTo(70_000);
    }

    @Test
    void should_back_off_on_429_5xx_timeouts_and_rate_limit_codes_then_succeed() {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("backoff");
        fxiaoke.put("AccountObj", account("slow-1", 90_000));
        String query = "/cgi/crm/v2/data/query";
        fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo(query)).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("503")
                .willReturn(aResponse().withStatus(429)));
        fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo(query)).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("503").willSetStateTo("slow").willReturn(aResponse().withStatus(503)));
        fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo(query)).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("slow").willSetStateTo("limited")
                .willReturn(okJson("{\"errorCode\": 0}").withFixedDelay(1_000)));
        fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo(query)).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("limited").willSetStateTo("healthy")
                .willReturn(okJson("{\"errorCode\": 14001, \"errorMessage\": \"接口调用超过限制\"}")));
        assertThat(pollers.poll(REGION, "backoff")).isEqualTo(Outcome.COMPLETED);
        assertThat(meters.find("tributary.source.backoffs").tags("source", "backoff").counter().count()).isEqualTo(4);
        assertThat(intake("backoff", "accepted")).isEqualTo(1);

        // a failure that outlasts the retries stops the poll, the watermark stays
        fxiaoke.put("AccountObj", account("slow-2", 90_001));
        var down = fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo(query)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(pollers.poll(REGION, "backoff")).isEqualTo(Outcome.FAILED);
        assertThat(watermark("backoff")).isEqualTo(90_000);
        fxiaoke.server().removeStub(down);
    }

    @Test
    void should_skip_a_poll_asked_for_while_one_is_running() {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("overlap");
        fxiaoke.put("AccountObj", account("busy-1", 110_000));
        fxiaoke.delayQueries(250);
        try {
            int queriesBefore = fxiaoke.server().findAll(postRequestedFor(urlPathEqualTo("/cgi/crm/v2/data/query"))).size();
            CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> pollers.poll(REGION, "overlap"));
            // the first poll is inside its (delayed) query: it holds the source
            await().atMost(Duration.ofSeconds(5)).until(() -> fxiaoke.server()
                    .findAll(postRequestedFor(urlPathEqualTo("/cgi/crm/v2/data/query"))).size() > queriesBefore);
            assertThat(pollers.poll(REGION, "overlap")).isEqualTo(Outcome.SKIPPED);
            assertThat(first.join()).isEqualTo(Outcome.COMPLETED);
        } finally {
            fxiaoke.delayQueries(0);
        }
        assertThat(intake("overlap", "accepted")).isEqualTo(1);
    }

    @Test
    void should_read_a_change_only_once_it_is_older_than_the_visibility_lag() {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("late");
        long now = System.currentTimeMillis();
        fxiaoke.put("AccountObj", account("late-1", now - 60_000));
        fxiaoke.put("AccountObj", account("late-2", now));

        assertThat(pollers.poll(REGION, "late")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("late", "accepted")).as("only the change older than the lag").isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            pollers.poll(REGION, "late");
            return intake("late", "accepted") == 2;
        });
        assertThat(intake("late", "repeated")).as("the first change is not read again").isZero();
    }

    @Test
    void should_poll_the_other_objects_when_one_answers_with_an_error_code() {
        SimulatedFxiaoke fxiaoke = FXIAOKE.get("partial");
        fxiaoke.put("AccountObj", account("partial-1", 80_000));
        ObjectNode opportunity = JsonNodeFactory.instance.objectNode().put("_id", "partial-opp-1").put("name", "扩产项目")
                .put("account_id", "partial-1").put("amount", "250000.00").put("sales_stage", "验证客户")
                .put("probability", 10).put("last_modified_time", 80_001);
        opportunity.putArray("owner").add("1000");
        fxiaoke.put("NewOpportunityObj", opportunity);
        // no permission on accounts: that object fails, opportunities are still read
        var denied = fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo("/cgi/crm/v2/data/query")).atPriority(1)
                .withRequestBody(WireMock.containing("\"AccountObj\""))
                .willReturn(okJson("{\"errorCode\": 20002, \"errorMessage\": \"无权限访问该对象\"}")));

        assertThat(pollers.poll(REGION, "partial")).isEqualTo(Outcome.FAILED);
        assertThat(intake("partial", "accepted")).as("the opportunity").isEqualTo(1);

        fxiaoke.server().removeStub(denied);
        assertThat(pollers.poll(REGION, "partial")).isEqualTo(Outcome.COMPLETED);
        assertThat(intake("partial", "accepted")).as("and then the account").isEqualTo(2);
    }
}
