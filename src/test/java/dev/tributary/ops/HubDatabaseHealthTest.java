package dev.tributary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Proves that the hub's database health turns DOWN once the database has closed itself, as H2 does after a fatal error. */
class HubDatabaseHealthTest {

    @Test
    void should_report_down_when_the_database_closed_itself() {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                "jdbc:h2:mem:health-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE ingest_event (event_id UUID, received_at TIMESTAMP)");
        jdbc.execute("CREATE TABLE rejected_record (id BIGINT)");
        HubDatabaseHealth health = new HubDatabaseHealth(jdbc);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        jdbc.execute("SHUTDOWN");

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().toString()).doesNotContain("jdbc:").doesNotContain("h2");
        dataSource.destroy();
    }
}
