package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.TributaryApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Proves that a whole run of the hub — start, valid and invalid customers with contacts, a target
 * that answers with the contact's data in its error, dead letters, shutdown — writes no phone
 * number, e-mail address, contact name, configured secret or presented credential to its log;
 * refusals (wrong key, another region's key, wrong role) are part of the run.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLogIT extends HubITSupport {

    private static final String WRONG_KEY = "it-wrong-key-presented-by-a-stranger";

    private static final List<String[]> CONTACTS = List.of(
            new String[] {"欧阳晓燕", "+8613912345678", "ouyang.xiaoyan@minjiang-dz.cn"},
            new String[] {"Jan-Willem Vermeulen", "+31612345678", "jw.vermeulen@polder-logistiek.nl"},
            new String[] {"司马相如", "0431-22576948", "sima@xiangru-trading.com"});

    @Test
    void should_write_no_personal_data_or_secret_to_the_log_of_a_full_run(CapturedOutput output) {
        Map<String, Object> settings = settings();
        healthyTargets();
        // the CRM refuses customers, quoting the contact back, as real CRMs do
        CRM.stubFor(put(urlPathMatching("/crm/customers/.*")).willReturn(aResponse().withStatus(422)
                .withBody("{\"error\": \"duplicate contact " + String.join(" ", CONTACTS.get(0)) + "\"}")));
        // command-line arguments outrank application.yml (default properties would not)
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(TributaryApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        try {
            port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            mapper = hub.getBean(com.fasterxml.jackson.databind.ObjectMapper.class);
            MeterRegistry meters = hub.getBean(MeterRegistry.class);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < CONTACTS.size(); i++) {
                // the third is rejected (a mistyped code), its contact in the stored payload; its e-mail,
                // not an address, is kept with a data-quality warning that quotes it
                items.add(customer(unique("C"), CONTACTS.get(i), i == 2 ? "not-an-email " + CONTACTS.get(i)[2] : null,
                        i == 2));
            }
            assertThat(post("cn-east", "[" + String.join(",", items) + "]").statusCode()).isEqualTo(207);
            assertThat(postWithKey("cn-south", WRONG_KEY, items.get(0)).statusCode()).isEqualTo(401);
            assertThat(postWithKey("cn-south", HubCredentials.keyFor("cn-east"), items.get(0)).statusCode())
                    .isEqualTo(403);
            assertThat(getAs(HubCredentials.VIEWER, "/api/rejected").statusCode()).isEqualTo(403);
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.find("tributary.events.deadlettered")
                    .tag("target", "crm").counters().stream().mapToDouble(c -> c.count()).sum() >= 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.find("tributary.events.delivered")
                    .tag("target", "erp").counters().stream().mapToDouble(c -> c.count()).sum() >= 2);
        } finally {
            hub.close();
        }

        String log = output.getAll();
        assertThat(log).as("the run logged").contains("dead-lettered").contains("PERMANENT failure, code HTTP 422, HTTP status 422");
        for (String[] contact : CONTACTS) {
            for (String datum : contact) {
                assertThat(log).as("log of the whole run").doesNotContain(datum);
            }
            assertThat(log).doesNotContain(contact[1].replaceAll("[^0-9]", ""));
        }
        for (String secret : HubCredentials.secrets()) {
            assertThat(log).as("a configured secret").doesNotContain(secret);
        }
        assertThat(log).as("a presented wrong key").doesNotContain(WRONG_KEY);
    }

    private static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(hubSettings("pii"));
        settings.put("server.port", "0");
        return settings;
    }

    private static String customer(String id, String[] contact, String badEmail, boolean badCode) {
        return """
                {"type": "customer", "sourceEventId": "%s-v1",
                 "data": {"legalName": "%s 有限公司", "unifiedSocialCreditCode": "%s", "country": "CN",
                   "contacts": [{"name": "%s", "title": "采购经理", "phone": "%s", "email": "%s"}],
                   "sourceRefs": [{"system": "fxiaoke", "sourceId": "%s"}], "version": 1}}"""
                .formatted(id, contact[0], badCode ? mistyped(uscc(id)) : uscc(id), contact[0], contact[1],
                        badEmail != null ? badEmail : contact[2], id);
    }

    /** The code with another check character. */
    private static String mistyped(String code) {
        return code.substring(0, 17) + (code.endsWith("0") ? "1" : "0");
    }
}
