package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves that the scheduled purge deletes rejected records older than the retention and keeps only
 * the newest ones beyond the cap, counting what it deleted ({@code tributary.rejected.purged}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// its own hub, purging every 200 ms: closed after this class rather than kept until the JVM exits
@DirtiesContext
class RejectedPurgeIT extends HubITSupport {

    static final int MAX_ROWS = 10;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "purge");
        registry.add("tributary.rejected.retention", () -> "1h");
        registry.add("tributary.rejected.max-rows", () -> String.valueOf(MAX_ROWS));
        registry.add("tributary.rejected.purge-interval", () -> "200ms");
        registry.add("tributary.rejected.stored-per-minute", () -> String.valueOf(STORED_PER_MINUTE));
    }

    static final int STORED_PER_MINUTE = 30;

    @Test
    void should_answer_every_rejection_but_store_no_more_than_a_regions_budget_per_minute() {
        String item = "{\"type\": \"order\", \"data\": {}}";
        HttpResponse<String> response = post("eu-west", "[" + (item + ",").repeat(39) + item + "]");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode rejected = json(response.body()).path("rejected");
        assertThat(rejected).hasSize(40).allSatisfy(r -> assertThat(r.path("errors")).isNotEmpty());
        long stored = 0;
        long unstored = 0;
        for (JsonNode r : rejected) {
            stored += r.has("rejectionId") ? 1 : 0;
            unstored += r.path("stored").asBoolean(true) ? 0 : 1;
        }
        assertThat(stored).isEqualTo(STORED_PER_MINUTE);
        assertThat(unstored).isEqualTo(40 - STORED_PER_MINUTE);
        assertThat(registry.get("tributary.rejected.unstored").tag("region", "eu-west").counter().count())
                .isEqualTo(40 - STORED_PER_MINUTE);
    }

    @Test
    void should_delete_rejections_older_than_the_retention() {
        double before = purged("expired");
        for (int i = 0; i < 3; i++) {
            jdbc.update("insert into rejected_record (region, stage, reasons, received_at) values ('cn-east', 'INGEST', '[]', ?)",
                    Timestamp.from(Instant.now().minus(Duration.ofHours(2))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from rejected_record where received_at < ?", Long.class,
                Timestamp.from(Instant.now().minus(Duration.ofHours(1)))) == 0);
        assertThat(purged("expired") - before).isGreaterThanOrEqualTo(3);
    }

    @Test
    void should_keep_only_a_regions_newest_rejections_beyond_the_cap_and_leave_other_regions_alone() {
        double before = purged("cap");
        String item = "{\"type\": \"order\", \"data\": {}}";
        HttpResponse<String> other = post("cn-south", "[" + item + "," + item + "," + item + "]");
        List<Long> otherIds = new ArrayList<>();
        json(other.body()).path("rejected").forEach(r -> otherIds.add(r.path("rejectionId").asLong()));
        HttpResponse<String> response = post("cn-east", "[" + (item + ",").repeat(24) + item + "]");
        assertThat(response.statusCode()).isEqualTo(422);
        List<Long> ids = new ArrayList<>();
        for (JsonNode rejected : json(response.body()).path("rejected")) {
            ids.add(rejected.path("rejectionId").asLong());
        }
        assertThat(ids).hasSize(25);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from rejected_record where region = 'cn-east'", Long.class) == MAX_ROWS);
        assertThat(jdbc.queryForList("select id from rejected_record where region = 'cn-east' order by id", Long.class))
                .isEqualTo(ids.subList(25 - MAX_ROWS, 25));
        assertThat(jdbc.queryForList("select id from rejected_record where region = 'cn-south' order by id", Long.class))
                .containsAll(otherIds);
        assertThat(purged("cap") - before).isGreaterThanOrEqualTo(25 - MAX_ROWS);
    }

    private double purged(String reason) {
        return registry.get("tributary.rejected.purged").tag("reason", reason).counter().count();
    }
}
