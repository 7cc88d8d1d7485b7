package dev.tributary.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.json.HubObjectMapper;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh migrated H2 database and a resolver on it, as the hub builds them. */
final class IdentityDatabase {

    static final ObjectMapper MAPPER = HubObjectMapper.create();

    final DataSource data;
    final IdentityStore store;

    IdentityDatabase(String name) {
        data = new DriverManagerDataSource("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        store = new IdentityStore(new JdbcTemplate(data), MAPPER);
    }

    static IdentityProperties defaults() {
        return new IdentityProperties(0.9, 0.75, 100, java.time.Duration.ofSeconds(5), Map.of(), Map.of(),
                new IdentityProperties.Strategic(2, new java.math.BigDecimal("10000000"), "CNY", 200, 365));
    }

    /** A resolver as after a start: nothing in memory but what the database holds. */
    IdentityResolver resolver() {
        return new IdentityResolver(store, defaults(), MAPPER);
    }

    /** A resolver reading the time from {@code clock}. */
    IdentityResolver resolver(java.time.Clock clock) {
        return new IdentityResolver(store, defaults(), MAPPER, clock,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** A clock a test moves on. */
    static final class MovingClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.now();

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
