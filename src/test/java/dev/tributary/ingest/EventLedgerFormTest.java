package dev.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.HubProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Proves that other content under a used event id is a conflict only when both digests were taken
 * in the same record form: after an upgrade that writes records differently, the same input sent
 * again is a repeat.
 */
class EventLedgerFormTest {

    private JdbcTemplate jdbc;
    private EventLedger ledger;

    @BeforeEach
    void database() {
        DriverManagerDataSource data = new DriverManagerDataSource(
                "jdbc:h2:mem:ledger-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(data);
        HubProperties properties = new HubProperties(Map.of(), null,
                new HubProperties.Ingest(1_048_576, 500, Duration.ofDays(30), 8), Map.of(), null,
                new HubProperties.Rejected(4096, Duration.ofDays(30), 20_000, Duration.ofMinutes(1), 6000));
        ledger = new EventLedger(jdbc, properties);
    }

    @Test
    void should_take_other_content_under_a_used_id_for_a_conflict_in_the_same_form() {
        String id = UUID.randomUUID().toString();
        assertThat(ledger.claim(List.of(submission(id, "{\"a\":1}")))).containsExactly(EventLedger.Claim.NEW);
        ledger.confirm(List.of(submission(id, "{\"a\":1}")));

        assertThat(ledger.claim(List.of(submission(id, "{\"a\":2}")))).containsExactly(EventLedger.Claim.CONFLICT);
        assertThat(ledger.claim(List.of(submission(id, "{\"a\":1}")))).containsExactly(EventLedger.Claim.REPEATED);
    }

    @Test
    void should_take_the_same_input_written_in_an_earlier_form_for_a_repeat() {
        String id = UUID.randomUUID().toString();
        ledger.claim(List.of(submission(id, "{\"email\":\"Zhang@Example.com\"}")));
        ledger.confirm(List.of(submission(id, "{\"email\":\"Zhang@Example.com\"}")));
        jdbc.update("UPDATE ingest_event SET record_form = ?", EventLedger.RECORD_FORM - 1);

        assertThat(ledger.claim(List.of(submission(id, "{\"email\":\"zhang@example.com\"}"))))
                .as("written in lower case by the newer normalisation").containsExactly(EventLedger.Claim.REPEATED);
    }

    private static Submission submission(String eventId, String json) {
        return new Submission(eventId, "cn-east", "fxiaoke", "evt-1", "GC-1", "trace-1", Instant.now(), null,
                json.getBytes(StandardCharsets.UTF_8), List.of());
    }
}
