package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves the same flow, and the rejected-records store with its purge, with the database on a real
 * PostgreSQL (embedded, no server needed), configured through the hub's ordinary datasource settings alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after this class while PostgreSQL still runs: at JVM exit the database stops first, and a
// purge (every 300 ms here) would then wait for a connection and hold up the fork's exit
@DirtiesContext
class PostgresEndToEndIT extends HubITSupport {

    static final EmbeddedPostgres POSTGRES = startPostgres();
    /** Small, so that the purge's SQL runs here too; each test reads only the rejections it just stored. */
    static final int MAX_REJECTED = 3;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "pg");
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("tributary.rejected.max-rows", () -> String.valueOf(MAX_REJECTED));
        registry.add("tributary.rejected.purge-interval", () -> "300ms");
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void should_put_the_orders_of_one_company_from_two_regions_on_one_account_on_postgresql() {
        IdentityScenarios.oneAccountForTwoRegions(this);
    }

    @Test
    void should_merge_unmerge_and_take_the_steward_s_decisions_on_postgresql() {
        IdentityScenarios.mergeAndUnmerge(this);
        IdentityScenarios.stewardApproves(this);
        IdentityScenarios.refusals(this);
    }

    @Test
    void should_run_on_postgresql() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void should_deliver_a_posted_order_to_crm_and_erp() {
        EndToEndScenario.orderTravelsEndToEnd(this);
    }

    @Test
    void should_park_a_failing_customer_in_postgresql_and_deliver_its_orders_in_order() {
        EndToEndScenario.failingCustomerWaitsAndCatchesUp(this);
        // settled just after the target's answer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select count(*) from dispatch_parked_event", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from dispatch_parked_group", Long.class)).isZero();
        });
    }

    @Test
    void should_store_and_list_rejections_in_postgresql() {
        HttpResponse<String> response = post("eu-west", "{\"type\": \"order\", \"data\": {}}");
        assertThat(response.statusCode()).isEqualTo(422);
        long id = json(response.body()).at("/rejected/0/rejectionId").asLong();
        JsonNode listed = json(get("/api/rejected?region=eu-west").body());
        assertThat(listed.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(listed.get(0).path("reasons").toString()).contains("data.currency");
        assertThat(jdbc.queryForObject("select count(*) from rejected_record where id = ?", Long.class, id)).isEqualTo(1);
    }

    @Test
    void should_round_trip_a_rejected_payload_excerpt_and_digest_in_postgresql() {
        // malformed on purpose (an unescaped NUL, which a PostgreSQL text column cannot hold, and no end)
        String text = "{\"type\": \"order\", \"data\": \"\0" + "华东😀".repeat(2000);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post("eu-west", body, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        long id = json(response.body()).path("rejectionId").asLong();

        JsonNode stored = json(get("/api/rejected/" + id).body());
        assertThat(stored.path("payloadBytes").asLong()).isEqualTo(body.length);
        assertThat(stored.path("payloadSha256").asText()).isEqualTo(RejectedStoreIT.sha256(body));
        assertThat(stored.path("truncated").asBoolean()).isTrue();
        String excerpt = stored.path("payload").asText();
        assertThat(excerpt.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(text.replace('\0', '\uFFFD')).startsWith(excerpt);
        assertThat(jdbc.queryForObject("select payload_sha256 from rejected_record where id = ?", String.class, id))
                .isEqualTo(RejectedStoreIT.sha256(body));
    }

    @Test
    void should_purge_expired_and_surplus_rejections_in_postgresql() {
        String insert = "insert into rejected_record (region, stage, reasons, received_at) values ('eu-west', 'INGEST', '[]', ?)";
        jdbc.update(insert, Timestamp.from(Instant.now().minus(Duration.ofDays(40))));
        for (int i = 0; i < 5; i++) {
            jdbc.update(insert, Timestamp.from(Instant.now()));
        }
        List<Long> newest = jdbc.queryForList("select id from rejected_record order by id desc fetch first 3 rows only",
                Long.class);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.queryForObject("select count(*) from rejected_record", Long.class) == MAX_REJECTED);
        assertThat(jdbc.queryForList("select id from rejected_record order by id desc", Long.class)).isEqualTo(newest);
    }
}
