package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tributary.TributaryApplication;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proves that parked events survive a restart of the hub: a customer's first order fails at the
 * ERP and is parked with the two after it; the hub stops; started again on the same data
 * directory, with the ERP answering again, it delivers all three, in order.
 */
class ParkedRestartIT extends HubITSupport {

    @Test
    void should_keep_parked_events_across_a_restart_and_deliver_them_in_order_afterwards() {
        Map<String, Object> settings = new LinkedHashMap<>(hubSettings("parked-restart"));
        settings.put("server.port", "0");
        settings.put("tributary.delivery.redelivery-delay", "5s");
        settings.put("tributary.delivery.max-redelivery-delay", "10s");
        healthyTargets();
        String customer = unique("PR");
        String orders = "/erp/orders/cn-east\\.fxiaoke\\." + customer + "-[0-9]";
        StubMapping down = ERP.stubFor(put(urlPathMatching(orders)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        ConfigurableApplicationContext first = start(settings);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(post("cn-east", orderItem(customer + "-" + i, customer, uscc(customer))).statusCode())
                        .isEqualTo(202);
            }
            awaitUpserts(CRM, "/crm/orders/cn-east\\.fxiaoke\\." + customer + "-[0-9]", 3);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM dispatch_parked_event WHERE target = 'erp'", Integer.class) == 3);
        } finally {
            first.close();
        }
        assertThat(ERP.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().matches(orders))
                .as("nothing of the customer's reached the ERP before the restart")
                .allMatch(e -> e.getResponse().getStatus() == 503);

        ERP.removeStub(down);
        ConfigurableApplicationContext second = start(settings);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(delivered(orders)).hasSize(3));
            assertThat(delivered(orders)).extracting(e -> e.getRequest().getUrl().substring(e.getRequest().getUrl().length() - 1))
                    .containsExactly("0", "1", "2");
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM dispatch_parked_event", Integer.class) == 0);
        } finally {
            second.close();
        }
    }

    private ConfigurableApplicationContext start(Map<String, Object> settings) {
        // command-line arguments outrank application.yml (default properties would not)
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(TributaryApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        mapper = hub.getBean(com.fasterxml.jackson.databind.ObjectMapper.class);
        return hub;
    }

    private static List<ServeEvent> delivered(String orders) {
        return ERP.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().matches(orders) && e.getResponse().getStatus() == 200)
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }
}
