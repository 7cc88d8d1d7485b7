package dev.tributary.rejects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.config.HubProperties;
import dev.tributary.ops.HubMetrics;
import dev.tributary.validation.FieldError;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Keeps rejected records in the {@code rejected_record} table, bounded: an excerpt of each payload
 * with its size and digest, bounded reasons, every text cut to its column; and counts them.
 */
@Repository
public class RejectionStore {

    private static final String INSERT = """
            INSERT INTO rejected_record (region, stage, record_type, source_system, source_id, source_event_id,
                                         reasons, payload, received_at, payload_bytes, payload_sha256, truncated)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SUMMARY_COLUMNS = """
            id, region, stage, record_type, source_system, source_id, source_event_id, reasons, received_at,
            payload_bytes, payload_sha256, truncated""";
    /** Stands in for a missing region or stage, which the table requires. */
    private static final String UNKNOWN = "unknown";
    private static final TypeReference<List<FieldError>> REASONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final ObjectMapper mapper;
    private final HubMetrics metrics;
    private final int excerptBytes;
    private final StoreBudget budget;

    RejectionStore(JdbcTemplate jdbc, ObjectMapper mapper, HubMetrics metrics, HubProperties properties,
            StoreBudget budget) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.mapper = mapper;
        this.metrics = metrics;
        this.excerptBytes = properties.rejected().excerptBytes();
        this.budget = budget;
    }

    /**
     * Stores the rejections (one insert each: the ids are answered to the caller), in order. Beyond
     * its region's budget of rows per minute a rejection is counted but not stored, and its id is null.
     */
    public List<Long> saveAll(List<Rejection> rejections) {
        List<Long> ids = new ArrayList<>();
        for (Rejection r : rejections) {
            String region = Column.REGION.fit(Objects.requireNonNullElse(r.region(), UNKNOWN));
            String stage = Column.STAGE.fit(Objects.requireNonNullElse(r.stage(), UNKNOWN));
            metrics.rejected(region, stage);
            if (!budget.tryStore(region)) {
                ids.add(null);
                continue;
            }
            Excerpt excerpt = Excerpt.of(r.payload(), excerptBytes);
            Instant receivedAt = r.receivedAt() == null ? Instant.now() : r.receivedAt();
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(INSERT, new String[] {"id"});
                ps.setString(1, region);
                ps.setString(2, stage);
                ps.setString(3, Column.RECORD_TYPE.fit(r.recordType()));
                ps.setString(4, Column.SOURCE_SYSTEM.fit(r.sourceSystem()));
                ps.setString(5, Column.SOURCE_ID.fit(r.sourceId()));
                ps.setString(6, Column.SOURCE_EVENT_ID.fit(r.sourceEventId()));
                ps.setString(7, json(Reasons.bounded(r.reasons())));
                ps.setString(8, excerpt.text());
                ps.setTimestamp(9, Timestamp.from(receivedAt));
                ps.setLong(10, excerpt.payloadBytes());
                ps.setString(11, Column.PAYLOAD_SHA256.fit(excerpt.payloadSha256()));
                ps.setBoolean(12, excerpt.truncated());
                return ps;
            }, keys);
            ids.add(keys.getKey().longValue());
        }
        return ids;
    }

    /** Stores one rejection; its id, or null when its region's budget is used up. */
    public Long save(Rejection rejection) {
        return saveAll(List.of(rejection)).get(0);
    }

    /**
     * Up to {@code limit} rejections of a region (all regions when null) with an id below
     * {@code before} (no bound when null), newest first, without their payload excerpts.
     */
    List<Rejection> page(String region, Long before, int limit) {
        List<String> where = new ArrayList<>();
        if (region != null) {
            where.add("region = :region");
        }
        if (before != null) {
            where.add("id < :before");
        }
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM rejected_record"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY";
        var spec = client.sql(sql);
        if (region != null) {
            spec = spec.param("region", region);
        }
        if (before != null) {
            spec = spec.param("before", before);
        }
        return spec.query((rs, n) -> row(rs, null)).list();
    }

    /** One stored rejection with its payload excerpt. */
    Optional<Rejection> find(long id) {
        return client.sql("SELECT * FROM rejected_record WHERE id = :id").param("id", id)
                .query((rs, n) -> row(rs, rs.getString("payload"))).optional();
    }

    /** A stored rejection; a listed one has no payload (null, left out of its JSON). */
    private Rejection row(java.sql.ResultSet rs, String payload) throws java.sql.SQLException {
        return new Rejection(rs.getLong("id"), rs.getString("region"), rs.getString("stage"),
                rs.getString("record_type"), rs.getString("source_system"), rs.getString("source_id"),
                rs.getString("source_event_id"), reasons(rs.getString("reasons")), payload, receivedAt(rs),
                rs.getObject("payload_bytes", Long.class), rs.getString("payload_sha256"), rs.getBoolean("truncated"));
    }

    /** Deletes up to {@code chunk} rejections received before {@code cutoff}, in one statement. */
    int deleteReceivedBefore(Instant cutoff, int chunk) {
        return jdbc.update("DELETE FROM rejected_record WHERE id IN (SELECT id FROM rejected_record"
                + " WHERE received_at < ? FETCH FIRST " + chunk + " ROWS ONLY)", Timestamp.from(cutoff));
    }

    /** The regions that have rejections. */
    List<String> regions() {
        return jdbc.queryForList("SELECT DISTINCT region FROM rejected_record", String.class);
    }

    /** The id of a region's newest rejection beyond its newest {@code keep}, if it has more than that. */
    OptionalLong newestBeyond(String region, long keep) {
        return client.sql("SELECT id FROM rejected_record WHERE region = :region ORDER BY id DESC"
                        + " OFFSET :keep ROWS FETCH FIRST 1 ROWS ONLY")
                .param("region", region).param("keep", keep).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Deletes up to {@code chunk} of a region's oldest rejections with an id up to {@code id}, in one statement. */
    int deleteUpTo(String region, long id, int chunk) {
        return jdbc.update("DELETE FROM rejected_record WHERE id IN (SELECT id FROM rejected_record"
                + " WHERE region = ? AND id <= ? ORDER BY id FETCH FIRST " + chunk + " ROWS ONLY)", region, id);
    }

    private String json(List<FieldError> reasons) {
        try {
            return mapper.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<FieldError> reasons(String json) {
        try {
            return mapper.readValue(json, REASONS);
        } catch (JsonProcessingException e) {
            return List.of(new FieldError("(stored)", json));
        }
    }

    private static Instant receivedAt(ResultSet rs) throws SQLException {
        return rs.getTimestamp("received_at").toInstant();
    }
}
