package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proves that the rejected-records store keeps a bounded excerpt with the size and digest of the
 * whole payload, stores over-long ids without failing the request, and serves records a page at a
 * time with a next link, one by one by id, and bad parameters as 400 problems.
 */
class RejectedStoreIT extends H2HubIT {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void should_store_an_excerpt_with_the_size_and_digest_of_a_megabyte_payload() {
        // malformed on purpose: the string never ends, so the whole body is rejected as received
        String text = "{\"type\": \"order\", \"data\": \"" + "上海华东精密机械😀".repeat(37_000);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isBetween(1_000_000, 1_048_576);

        HttpResponse<String> response = post("cn-east", body, "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response.body());
        long id = problem.path("rejectionId").asLong();

        HttpResponse<String> detail = get(problem.path("instance").asText());
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
        JsonNode stored = json(detail.body());
        assertThat(stored.path("id").asLong()).isEqualTo(id);
        assertThat(stored.path("payloadBytes").asLong()).isEqualTo(body.length);
        assertThat(stored.path("payloadSha256").asText()).isEqualTo(sha256(body));
        assertThat(stored.path("truncated").asBoolean()).isTrue();
        String excerpt = stored.path("payload").asText();
        assertThat(excerpt.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096).isGreaterThan(4096 - 4);
        assertThat(text).startsWith(excerpt);
        String column = jdbc.queryForObject("select payload from rejected_record where id = ?", String.class, id);
        assertThat(column).isEqualTo(excerpt);
    }

    @Test
    void should_store_an_item_with_a_thousand_character_source_id_and_accept_the_valid_item_beside_it() {
        String longId = unique("L") + "-" + "长".repeat(1000);
        String bad = orderItem(longId, "C-1", uscc(longId))
                .replace("\"currency\": \"CNY\",", "")
                .replace("\"system\": \"fxiaoke\"", "\"system\": \"" + "s".repeat(1000) + "\"");
        String good = unique("SO");
        HttpResponse<String> response = post("cn-east", "[" + bad + "," + orderItem(good, "C-" + good, uscc(good)) + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode body = json(response.body());
        assertThat(body.at("/accepted/0/index").asInt()).isEqualTo(1);

        JsonNode stored = json(get("/api/rejected/" + body.at("/rejected/0/rejectionId").asLong()).body());
        assertThat(stored.path("sourceId").asText()).hasSize(256).isEqualTo(longId.substring(0, 256));
        assertThat(stored.path("sourceEventId").asText()).hasSize(256);
        assertThat(stored.path("sourceSystem").asText()).isEqualTo("s".repeat(128));
        assertThat(stored.path("reasons").toString()).contains("data.currency");
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + good, 1);
    }

    @Test
    void should_walk_every_rejection_of_a_region_exactly_once_following_the_next_links() {
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> response = post("eu-west", "{\"type\": \"order\", \"data\": {}}");
            posted.add(json(response.body()).at("/rejected/0/rejectionId").asLong());
        }
        List<Long> walked = new ArrayList<>();
        String next = "/api/rejected?region=eu-west&limit=3";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode rows = json(page.body());
            assertThat(rows.isArray()).isTrue();
            for (JsonNode row : rows) {
                assertThat(row.path("region").asText()).isEqualTo("eu-west");
                assertThat(row.has("payload")).as("a listed record has no payload excerpt").isFalse();
                assertThat(row.path("payloadSha256").asText()).hasSize(64);
                walked.add(row.path("id").asLong());
            }
            Optional<String> link = page.headers().firstValue("Link");
            next = link.map(NEXT::matcher).filter(Matcher::matches).map(m -> m.group(1)).orElse(null);
            if (next != null) {
                assertThat(rows).hasSize(3);
                assertThat(next).isEqualTo("/api/rejected?region=eu-west&limit=3&before=" + walked.get(walked.size() - 1));
            }
            pages++;
        }
        List<Long> all = jdbc.queryForList("select id from rejected_record where region = 'eu-west' and id <= ?"
                + " order by id desc", Long.class, walked.get(0));
        assertThat(walked).isEqualTo(all).containsAll(posted);
        assertThat(pages).isEqualTo((all.size() + 2) / 3);
    }

    @Test
    void should_show_one_rejection_by_id_and_answer_404_for_an_unknown_one() {
        HttpResponse<String> response = post("cn-south", "{\"type\": \"order\", \"sourceEventId\": \"e-detail\", \"data\": {}}");
        long id = json(response.body()).at("/rejected/0/rejectionId").asLong();
        JsonNode stored = json(get("/api/rejected/" + id).body());
        assertThat(stored.path("region").asText()).isEqualTo("cn-south");
        assertThat(stored.path("stage").asText()).isEqualTo("INGEST");
        assertThat(stored.path("recordType").asText()).isEqualTo("order");
        assertThat(stored.path("sourceEventId").asText()).isEqualTo("e-detail");
        assertThat(stored.path("truncated").asBoolean()).isFalse();
        assertThat(json(stored.path("payload").asText()).path("sourceEventId").asText()).isEqualTo("e-detail");
        assertThat(stored.path("payloadBytes").asLong())
                .isEqualTo(stored.path("payload").asText().getBytes(StandardCharsets.UTF_8).length);

        HttpResponse<String> unknown = get("/api/rejected/" + Long.MAX_VALUE);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(unknown.body()).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void should_answer_400_problems_for_bad_parameters() {
        for (String path : List.of("/api/rejected?limit=abc", "/api/rejected?limit=0", "/api/rejected?limit=201",
                "/api/rejected?before=-1", "/api/rejected?before=x", "/api/rejected?before=99999999999999999999",
                "/api/rejected/abc")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(response.body()).path("detail").asText()).as(path).isNotEmpty();
        }
        assertThat(get("/api/rejected?limit=200&region=").statusCode()).isEqualTo(200);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
