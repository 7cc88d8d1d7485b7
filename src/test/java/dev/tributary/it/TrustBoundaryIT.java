package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Proves the ingest trust fixes end to end: what is answered 202 is delivered, what cannot be
 * delivered is refused or rejected with a reason, and distinct records never share an identity at HQ.
 */
class TrustBoundaryIT extends H2HubIT {

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("hubDatabase")
    HealthIndicator hubDatabase;

    @Test
    void should_refuse_two_concatenated_json_values_and_deliver_neither() {
        String id = unique("SO");
        String item = orderItem(id, "C-" + id, uscc(id));
        HttpResponse<String> response = post("cn-east", item + item.replace(id, id + "-b"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("detail").asText()).contains("content after the JSON value");
        String marker = unique("SO");
        post("cn-east", orderItem(marker, "C-" + marker, uscc(marker)));
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + marker, 1);
        assertThat(upserts(crm(), "/crm/orders/cn-east.fxiaoke." + id + ".*")).isEmpty();
    }

    @Test
    void should_reject_ids_too_long_to_deliver_instead_of_accepting_them() {
        for (int length : new int[] {60_000, 200_000}) {
            String id = "SO-" + "9".repeat(length);
            HttpResponse<String> response = post("cn-east", orderItem(id, "C-1", uscc("C-1")));

            assertThat(response.statusCode()).as("sourceId of %d characters", length).isEqualTo(422);
            assertThat(response.body()).contains("data.sourceRef.sourceId").contains("at most 128 are allowed")
                    .doesNotContain("9".repeat(200));
        }
    }

    @Test
    void should_accept_the_valid_item_beside_one_whose_id_is_longer_than_any_column() {
        String good = unique("SO");
        String bad = unique("SO") + "-" + "x".repeat(300);
        HttpResponse<String> response = post("cn-east", "[" + orderItem(bad, "C-" + good, uscc(good)) + ","
                + orderItem(good, "C-" + good, uscc(good)) + "]");

        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).doesNotContain("SQL").doesNotContain("VARCHAR").doesNotContain("Exception");
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + good, 1);
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + good, 1);
    }

    @Test
    void should_reject_a_used_source_event_id_with_other_content_as_a_conflict() {
        String id = unique("SO");
        String first = orderItem(id, "C-" + id, uscc(id));
        String changed = first.replace("\"status\": \"CONFIRMED\"", "\"status\": \"SHIPPED\"");

        assertThat(post("cn-east", first).statusCode()).isEqualTo(202);
        HttpResponse<String> conflict = post("cn-east", changed);

        assertThat(conflict.statusCode()).isEqualTo(422);
        JsonNode error = json(conflict.body()).at("/rejected/0/errors/0");
        assertThat(error.path("field").asText()).isEqualTo("sourceEventId");
        assertThat(error.path("message").asText()).contains("already accepted with different content");
        String marker = unique("SO");
        post("cn-east", orderItem(marker, "C-" + id, uscc(id)));
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + marker, 1);
        assertThat(upserts(crm(), "/crm/orders/cn-east.fxiaoke." + id)).hasSize(1)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("CONFIRMED").doesNotContain("SHIPPED"));
    }

    @Test
    void should_answer_a_repeat_as_repeated_and_count_it_received_once() {
        String id = unique("SO");
        String item = orderItem(id, "C-" + id, uscc(id));
        double before = received("cn-south");

        HttpResponse<String> first = post("cn-south", item);
        HttpResponse<String> again = post("cn-south", item);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(first.body()).at("/accepted/0/repeated").isMissingNode()).isTrue();
        assertThat(json(again.body()).at("/accepted/0/repeated").asBoolean()).isTrue();
        assertThat(json(again.body()).at("/accepted/0/eventId")).isEqualTo(json(first.body()).at("/accepted/0/eventId"));
        assertThat(received("cn-south") - before).isEqualTo(1.0);
    }

    @Test
    void should_deliver_once_an_event_posted_by_several_clients_at_the_same_time() throws Exception {
        List<String> ids = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String id = unique("SO");
                ids.add(id);
                String item = orderItem(id, "C-" + id, uscc(id));
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    answers.add(clients.submit(() -> post("cn-east", item)));
                }
                int accepted = 0;
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as(response.body()).isIn(202, 503);
                    accepted += response.statusCode() == 202 ? 1 : 0;
                }
                assertThat(accepted).isPositive();
            }
        } finally {
            clients.shutdownNow();
        }
        String marker = unique("SO");
        post("cn-east", orderItem(marker, "C-" + marker, uscc(marker)));
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + marker, 1);
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + marker, 1);
        for (String id : ids) {
            assertThat(upserts(crm(), "/crm/orders/cn-east.fxiaoke." + id)).as(id).hasSize(1);
            assertThat(upserts(erp(), "/erp/orders/cn-east.fxiaoke." + id)).as(id).hasSize(1);
        }
    }

    @Test
    void should_encode_every_reserved_character_of_a_source_id_in_the_target_path() {
        String id = unique("SO") + ";v=1/a,b";
        assertThat(post("cn-east", orderItem(id, "C-" + id, uscc(id))).statusCode()).isEqualTo(202);

        String encoded = id.replace(";", "%3B").replace("=", "%3D").replace("/", "%2F").replace(",", "%2C");
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + java.util.regex.Pattern.quote(encoded), 1);
    }

    @Test
    void should_give_one_customer_id_to_a_tax_id_however_it_is_typed() {
        String[] spellings = {"DE123456789", "DE 123-456-789", "ＤＥ１２３４５６７８９", "DE123\u200B456789"};
        String expected = null;
        for (String taxId : spellings) {
            String id = unique("SO");
            String item = orderItem(id, "C-" + id, uscc(id))
                    .replaceFirst("\"unifiedSocialCreditCode\": \"[0-9A-Z]+\"", "\"taxId\": \"" + taxId + "\"");
            HttpResponse<String> response = post("eu-west", item);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String customerId = customerIdOf("eu-west", "fxiaoke", "C-" + id);
            expected = expected == null ? customerId : expected;
            assertThat(customerId).as("customer id for %s", taxId).isEqualTo(expected);
        }
    }

    @Test
    void should_report_the_hub_database_up_by_reading_its_tables() {
        assertThat(hubDatabase.health().getStatus()).isEqualTo(Status.UP);
    }

    private double received(String region) {
        var counter = meters.find("tributary.events.received").tag("region", region).counter();
        return counter == null ? 0 : counter.count();
    }
}
