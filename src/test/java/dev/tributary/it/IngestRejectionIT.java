package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves that bad input gets a precise 4xx naming each problem, is stored as a rejected record the
 * region can read back, and never stops the valid events sent alongside it.
 */
class IngestRejectionIT extends H2HubIT {

    @Test
    void should_answer_400_for_malformed_json_and_store_it() {
        HttpResponse<String> response = post("cn-south", "{\"type\": \"order\", \"data\": {\"orderNumber\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response.body());
        assertThat(problem.path("title").asText()).isEqualTo("Malformed JSON");
        assertThat(problem.path("detail").asText()).contains("line 1, column");
        assertThat(response.body()).doesNotContain("at dev.tributary").doesNotContain("Exception");
        assertStored("cn-south", problem.path("rejectionId").asLong(), "body", "malformed JSON");
    }

    @Test
    void should_list_every_wrong_type_and_missing_field() {
        String item = """
                {"type": "order", "sourceEventId": "e-types",
                 "data": {"sourceRef": {"system": "hubspot", "sourceId": 42},
                          "customerRef": {"sourceId": "C-1"},
                          "orderNumber": "SO-T", "orderDate": "2026-11-20",
                          "lines": [{"lineNo": "one", "sku": "A", "quantity": "abc", "unitPrice": 1, "lineTotal": 1}],
                          "netTotal": 1, "taxTotal": 0, "grossTotal": 1, "status": "SHIPPED"}}""";
        HttpResponse<String> response = post("cn-south", item);
        assertThat(response.statusCode()).isEqualTo(422);
        List<String> fields = fields(json(response.body()).at("/rejected/0/errors"));
        assertThat(fields).contains("data.sourceRef.sourceId", "data.lines[0].lineNo", "data.lines[0].quantity",
                "data.currency", "data.sourceUpdatedAt");
        assertStored("cn-south", json(response.body()).at("/rejected/0/rejectionId").asLong(),
                "data.currency", "is required");
    }

    @Test
    void should_reject_bad_uscc_and_negative_amount_with_readable_reasons() {
        String orderId = unique("SO");
        String item = orderItem(orderId, "C-" + orderId, "91350100M000100Y4Z")
                .replace("\"netTotal\": 4400.00", "\"netTotal\": -4400.00");
        HttpResponse<String> response = post("cn-east", item);
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = json(response.body()).at("/rejected/0/errors");
        assertThat(message(errors, "data.customerRef.unifiedSocialCreditCode"))
                .contains("91350100M000100Y4Z").contains("统一社会信用代码");
        assertThat(message(errors, "data.netTotal")).contains("must not be negative");
    }

    @Test
    void should_name_the_expected_check_character_of_a_mistyped_uscc() {
        String orderId = unique("SO");
        HttpResponse<String> response = post("cn-east", orderItem(orderId, "C-" + orderId, "91350100M000100Y44"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(message(json(response.body()).at("/rejected/0/errors"), "data.customerRef.unifiedSocialCreditCode"))
                .contains("check character is '4' but should be '3'");
    }

    @Test
    void should_answer_413_for_a_declared_body_over_the_limit_without_reading_or_storing_it() {
        byte[] body = ("[" + "\"x\",".repeat(300_000) + "\"x\"]").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post("eu-west", body, "application/json");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response.body()).path("detail").asText()).contains("limit of 1048576 bytes");
        assertThat(json(response.body()).has("rejectionId")).isFalse();
    }

    @Test
    void should_answer_413_for_a_streamed_body_over_the_limit_and_store_a_sample() {
        byte[] body = ("[" + "\"x\",".repeat(300_000) + "\"x\"]").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = postStreamed("eu-west", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertStored("eu-west", json(response.body()).path("rejectionId").asLong(), "body", "limit");
    }

    @Test
    void should_answer_400_for_a_body_that_is_not_valid_in_its_charset() {
        byte[] gbk = "{\"type\": \"order\", \"data\": {\"orderNumber\": \"华东\"}}".getBytes(Charset.forName("GBK"));
        HttpResponse<String> response = post("cn-east", gbk, "application/json; charset=utf-8");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("detail").asText()).contains("not valid UTF-8");
    }

    @Test
    void should_read_a_body_in_its_declared_charset() {
        String orderId = unique("SO");
        byte[] gbk = orderItem(orderId, "C-" + orderId, uscc(orderId)).getBytes(Charset.forName("GBK"));
        HttpResponse<String> response = post("cn-east", gbk, "application/json; charset=GBK");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String body = awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + orderId, 1).get(0).getBodyAsString();
        assertThat(json(body).at("/data/customerRef/legalName").asText()).isEqualTo("上海华东精密机械有限公司");
    }

    @Test
    void should_answer_404_for_an_unknown_region_and_415_for_a_non_json_body() {
        assertThat(post("mars", "{}").statusCode()).isEqualTo(404);
        assertThat(post("cn-east", "a,b".getBytes(StandardCharsets.UTF_8), "text/csv").statusCode()).isEqualTo(415);
    }

    @Test
    void should_deliver_valid_items_sent_alongside_invalid_ones() {
        String good = unique("SO");
        String bad = unique("SO");
        String badItem = orderItem(bad, "C-" + bad, uscc(bad)).replace("\"currency\": \"CNY\",", "");
        HttpResponse<String> response = post("cn-east", "[" + badItem + "," + orderItem(good, "C-" + good, uscc(good)) + "]");
        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = json(response.body());
        assertThat(body.at("/accepted/0/index").asInt()).isEqualTo(1);
        assertThat(body.at("/rejected/0/index").asInt()).isEqualTo(0);
        assertThat(message(body.at("/rejected/0/errors"), "data.currency")).isEqualTo("is required");
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + good, 1);
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + good, 1);
        assertThat(upserts(crm(), "/crm/orders/cn-east.fxiaoke." + bad)).isEmpty();
        assertStored("cn-east", body.at("/rejected/0/rejectionId").asLong(), "data.currency", "is required");
    }

    @Test
    void should_reject_an_item_without_type_or_data() {
        HttpResponse<String> response = post("cn-east", "[{\"sourceEventId\": 1}, 5]");
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode rejected = json(response.body()).path("rejected");
        assertThat(fields(rejected.at("/0/errors"))).containsExactlyInAnyOrder("type", "data");
        assertThat(fields(rejected.at("/1/errors"))).containsExactly("(item)");
    }

    private void assertStored(String region, long rejectionId, String field, String reasonPart) {
        JsonNode listed = json(get("/api/rejected?region=" + region + "&limit=1&before=" + (rejectionId + 1)).body());
        assertThat(listed.path(0).path("id").asLong()).as("rejection %d listed for %s", rejectionId, region)
                .isEqualTo(rejectionId);
        HttpResponse<String> detail = get("/api/rejected/" + rejectionId);
        assertThat(detail.statusCode()).isEqualTo(200);
        JsonNode found = json(detail.body());
        assertThat(found.path("region").asText()).isEqualTo(region);
        assertThat(message(found.path("reasons"), field)).contains(reasonPart);
        assertThat(found.path("payload").isTextual()).isTrue();
    }

    private static List<String> fields(JsonNode errors) {
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static String message(JsonNode errors, String field) {
        for (JsonNode e : errors) {
            if (e.path("field").asText().equals(field)) {
                return e.path("message").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + errors);
    }
}
