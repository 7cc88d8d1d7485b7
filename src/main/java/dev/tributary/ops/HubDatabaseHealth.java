package dev.tributary.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Health of the database as the hub uses it: reads its own tables, not just a pooled connection's
 * validity, so a database that has closed itself (an embedded H2 after a fatal error) shows DOWN.
 */
@Component("hubDatabase")
class HubDatabaseHealth implements HealthIndicator {

    private final JdbcTemplate jdbc;

    HubDatabaseHealth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        try {
            jdbc.queryForObject("SELECT COUNT(*) FROM ingest_event"
                    + " WHERE event_id = CAST('00000000-0000-0000-0000-000000000000' AS UUID)", Long.class);
            jdbc.queryForObject("SELECT COUNT(*) FROM rejected_record WHERE id = -1", Long.class);
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "the hub's tables cannot be read").build();
        }
    }
}
