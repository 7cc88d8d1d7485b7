package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.ContainsPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tributary.TributaryApplication;
import dev.tributary.adapter.fxiaoke.FxiaokePollers;
import dev.tributary.adapter.fxiaoke.FxiaokePollers.Outcome;
import dev.tributary.adapter.fxiaoke.SimulatedFxiaoke;
import dev.tributary.ops.HubMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proves that a hub stopped between two pages of a Fxiaoke poll continues after restart from the
 * watermark stored for the first page (read back after the restart; page 1 is not handed to intake
 * again): every order reaches the HQ ERP exactly once, none is missed.
 */
class FxiaokeRestartIT {

    @Test
    void should_continue_from_the_stored_watermark_after_a_restart_between_pages() {
        try (SimulatedFxiaoke fxiaoke = new SimulatedFxiaoke(0)) {
            for (int i = 1; i <= 4; i++) {
                fxiaoke.put("SalesOrderObj", order("rs-" + i, 200_000 + i));
                fxiaoke.put("SalesOrderProductObj", line("rs-" + i));
            }
            // the second page of orders fails: the first poll ends after page 1 is durable
            fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo("/cgi/crm/v2/data/query")).atPriority(1)
                    .withRequestBody(new ContainsPattern("\"dataObjectApiName\":\"SalesOrderObj\""))
                    .inScenario("second page").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("page 1 served")
                    .willReturn(okJson(null).withTransformers("fxiaoke-simulator")));
            fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo("/cgi/crm/v2/data/query")).atPriority(1)
                    .withRequestBody(new ContainsPattern("\"dataObjectApiName\":\"SalesOrderObj\""))
                    .inScenario("second page").whenScenarioStateIs("page 1 served")
                    .willReturn(okJson("{\"errorCode\": -2, \"errorMessage\": \"系统错误\"}")));
            HubITSupport.healthyTargets();
            Map<String, Object> settings = new LinkedHashMap<>(HubITSupport.hubSettings("fxiaoke-restart"));
            settings.put("server.port", "0");
            FxiaokePollingIT.sourceSettings("restart", fxiaoke.baseUrl()).forEach(settings::put);
            settings.put("tributary.regions.cn-south.sources.restart.objects", "SalesOrderObj");

            try (ConfigurableApplicationContext hub = start(settings)) {
                assertThat(hub.getBean(FxiaokePollers.class).poll("cn-south", "restart")).isEqualTo(Outcome.FAILED);
                HubITSupport.awaitUpserts(HubITSupport.ERP, "/erp/orders/.*", 2);
            }
            fxiaoke.server().resetScenarios();
            fxiaoke.server().resetMappings();
            fxiaoke.delayQueries(0);
            fxiaoke.server().stubFor(WireMock.post(urlPathEqualTo("/cgi/corpAccessToken/get/V2")).atPriority(10)
                    .willReturn(okJson(null).withTransformers("fxiaoke-simulator")));

            try (ConfigurableApplicationContext hub = start(settings)) {
                JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
                assertThat(watermark(jdbc)).as("the watermark page 1 left, read back after the restart")
                        .containsExactly(200_002L, "rs-2");
                assertThat(hub.getBean(FxiaokePollers.class).poll("cn-south", "restart")).isEqualTo(Outcome.COMPLETED);
                assertThat(watermark(jdbc)).containsExactly(200_004L, "rs-4");
                // continued from the watermark: only page 2's orders handed to intake, page 1's not again
                MeterRegistry meters = hub.getBean(MeterRegistry.class);
                assertThat(intake(meters, "accepted")).isEqualTo(2);
                assertThat(intake(meters, "repeated")).as("no order of page 1 handed to intake again").isZero();
                var upserts = HubITSupport.awaitUpserts(HubITSupport.ERP, "/erp/orders/.*", 4);
                assertThat(upserts.stream().map(r -> r.getUrl()).distinct()).as("each order once").hasSize(4);
                // nothing more arrives late
                org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                        .until(() -> HubITSupport.upserts(HubITSupport.ERP, "/erp/orders/.*").size() == 4);
            }
        }
    }

    /** The stored watermark of the source's orders: its time and the ids handed over at that time. */
    private static List<Object> watermark(JdbcTemplate jdbc) {
        return jdbc.query("SELECT modified_at, ids_at_mark FROM source_watermark WHERE region = 'cn-south'"
                + " AND source = 'restart' AND object_name = 'SalesOrderObj'",
                (rs, n) -> List.<Object>of(rs.getLong(1), rs.getString(2))).stream().findFirst().orElse(List.of());
    }

    private static double intake(MeterRegistry meters, String outcome) {
        Counter counter = meters.find(HubMetrics.INTAKE).tags("region", "cn-south", "source", "restart",
                "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> settings) {
        return new SpringApplicationBuilder(TributaryApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static ObjectNode order(String id, long modified) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("name", "SO-" + id).put("account_id", "acc-rs")
                .put("account_id__r", "深圳重启测试有限公司").put("order_time", 1_762_185_600_000L)
                .put("product_amount", "100.00").put("order_amount", "113.00").put("life_status", "normal")
                .put("last_modified_time", modified);
    }

    private static ObjectNode line(String orderId) {
        return JsonNodeFactory.instance.objectNode().put("_id", orderId + "-1").put("order_id", orderId)
                .put("product_id", "SKU-1").put("quantity", "1").put("sales_price", "100.00").put("subtotal", "100.00")
                .put("tax_rate", "13");
    }
}
