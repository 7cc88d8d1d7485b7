package dev.tributary.rejects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.ops.HubMetrics;
import dev.tributary.validation.FieldError;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Keeps rejected records in the {@code rejected_record} table and counts them. */
@Repository
public class RejectionStore {

    private static final String INSERT = """
            INSERT INTO rejected_record (region, stage, record_type, source_system, source_id, source_event_id,
                                         reasons, payload, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final TypeReference<List<FieldError>> REASONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final ObjectMapper mapper;
    private final HubMetrics metrics;

    RejectionStore(JdbcTemplate jdbc, ObjectMapper mapper, HubMetrics metrics) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** Stores the rejections (one insert each: the ids are answered to the caller), in order. */
    public List<Long> saveAll(List<Rejection> rejections) {
        List<Long> ids = new ArrayList<>();
        for (Rejection r : rejections) {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(INSERT, new String[] {"id"});
                ps.setString(1, r.region());
                ps.setString(2, r.stage());
                ps.setString(3, r.recordType());
                ps.setString(4, r.sourceSystem());
                ps.setString(5, r.sourceId());
                ps.setString(6, r.sourceEventId());
                ps.setString(7, json(r.reasons()));
                ps.setString(8, r.payload());
                ps.setTimestamp(9, Timestamp.from(r.receivedAt()));
                return ps;
            }, keys);
            ids.add(keys.getKey().longValue());
            metrics.rejected(r.region(), r.stage());
        }
        return ids;
    }

    public long save(Rejection rejection) {
        return saveAll(List.of(rejection)).get(0);
    }

    /** The newest rejections of a region (all regions when null), newest first. */
    public List<Rejection> find(String region, int limit) {
        String sql = "SELECT * FROM rejected_record" + (region == null ? "" : " WHERE region = :region")
                + " ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY";
        var spec = client.sql(sql);
        if (region != null) {
            spec = spec.param("region", region);
        }
        return spec.query((rs, n) -> new Rejection(rs.getLong("id"), rs.getString("region"), rs.getString("stage"),
                rs.getString("record_type"), rs.getString("source_system"), rs.getString("source_id"),
                rs.getString("source_event_id"), reasons(rs.getString("reasons")), rs.getString("payload"),
                rs.getTimestamp("received_at").toInstant()))
                .list();
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
}
