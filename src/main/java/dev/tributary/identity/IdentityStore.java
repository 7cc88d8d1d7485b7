package dev.tributary.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The identity tables (V8__identity.sql); every method runs in the caller's transaction. */
@Component
class IdentityStore {

    private static final String SOURCE_COLUMNS = "s.source_key, s.region, s.source_system, s.source_id,"
            + " s.global_customer_id, s.has_record, s.profile, s.record, s.event_id, s.source_version,"
            + " s.source_updated_at, s.received_at";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    IdentityStore(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    // ------------------------------------------------------------------ sources (cross-reference)

    /** The customer a source belongs to (maybe merged since), without reading its record. */
    Optional<String> customerOf(String sourceKey) {
        return jdbc.query("SELECT global_customer_id FROM identity_source WHERE source_key = ?",
                (rs, n) -> rs.getString(1), sourceKey).stream().findFirst();
    }

    /** The customer a source belongs to now (following a merge), without reading its record. */
    Optional<String> activeCustomerOf(String sourceKey) {
        List<String[]> found = jdbc.query("SELECT s.global_customer_id, c.merged_into FROM identity_source s"
                + " JOIN identity_customer c ON c.global_customer_id = s.global_customer_id WHERE s.source_key = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, sourceKey);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return found.get(0)[1] == null ? Optional.of(found.get(0)[0]) : active(found.get(0)[1]);
    }

    /** The tier a customer has now, or null. */
    String tier(String customer) {
        return jdbc.query("SELECT tier FROM identity_customer WHERE global_customer_id = ?", (rs, n) -> rs.getString(1),
                customer).stream().findFirst().orElse(null);
    }

    /** The event that last changed an activity, or empty when it is new. */
    Optional<String> activityEvent(String sourceKey) {
        return jdbc.query("SELECT event_id FROM identity_activity WHERE source_key = ?", (rs, n) -> rs.getString(1),
                sourceKey).stream().findFirst();
    }

    Optional<SourceRow> source(String sourceKey) {
        return jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM identity_source s WHERE s.source_key = ?",
                this::sourceRow, sourceKey).stream().findFirst();
    }

    List<SourceRow> sourcesOf(String customer) {
        return jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM identity_source s WHERE s.global_customer_id = ?"
                + " ORDER BY s.source_key", this::sourceRow, customer);
    }

    /** The keys of the sources sharing {@code blockKey}, at most {@code limit}, in a stable order. */
    List<String> block(String blockKey, int limit) {
        return jdbc.queryForList("SELECT source_key FROM identity_block WHERE block_key = ? ORDER BY source_key"
                + " FETCH FIRST " + limit + " ROWS ONLY", String.class, blockKey);
    }

    /** The sources with these keys, in key order. */
    List<SourceRow> sources(java.util.Collection<String> sourceKeys) {
        if (sourceKeys.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(sourceKeys.size(), "?"));
        return jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM identity_source s WHERE s.source_key IN (" + marks + ")"
                + " ORDER BY s.source_key", this::sourceRow, sourceKeys.toArray());
    }

    /** Stores a source; {@code known} says whether its row exists already (read just before). */
    void saveSource(SourceRow row, List<String> blockingKeys, boolean known) {
        int updated = !known ? 0 : jdbc.update("UPDATE identity_source SET global_customer_id = ?, has_record = ?,"
                        + " profile = ?, record = ?, event_id = ?, source_version = ?, source_updated_at = ?,"
                        + " received_at = ? WHERE source_key = ?",
                row.globalCustomerId(), row.hasRecord(), json(row.profile()), row.record(), row.eventId(),
                row.version(), timestamp(row.updatedAt()), timestamp(row.receivedAt()), row.sourceKey());
        if (updated == 0) {
            jdbc.update("INSERT INTO identity_source (source_key, region, source_system, source_id, global_customer_id,"
                            + " has_record, profile, record, event_id, source_version, source_updated_at,"
                            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.sourceKey(), row.region(), row.system(), row.sourceId(), row.globalCustomerId(),
                    row.hasRecord(), json(row.profile()), row.record(), row.eventId(), row.version(),
                    timestamp(row.updatedAt()), timestamp(row.receivedAt()));
        } else {
            jdbc.update("DELETE FROM identity_block WHERE source_key = ?", row.sourceKey());
        }
        jdbc.batchUpdate("INSERT INTO identity_block (block_key, source_key) VALUES (?, ?)",
                blockingKeys.stream().map(k -> new Object[] {k, row.sourceKey()}).toList());
    }

    void moveSources(String from, String to) {
        jdbc.update("UPDATE identity_source SET global_customer_id = ? WHERE global_customer_id = ?", to, from);
    }

    void moveSource(String sourceKey, String to) {
        jdbc.update("UPDATE identity_source SET global_customer_id = ? WHERE source_key = ?", to, sourceKey);
    }

    // ------------------------------------------------------------------ golden records

    record CustomerRow(String id, String mergedInto, String uscc, String taxId, String tier, String golden,
            String lineage, long version, Instant createdAt, Instant updatedAt) {
    }

    Optional<CustomerRow> customer(String id) {
        return jdbc.query("SELECT global_customer_id, merged_into, uscc, tax_id, tier, golden, lineage, version,"
                + " created_at, updated_at FROM identity_customer WHERE global_customer_id = ?", (rs, n) ->
                new CustomerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), instant(rs, 9), instant(rs, 10)), id)
                .stream().findFirst();
    }

    /** The active customer {@code id} stands for now: itself, or the customer it was merged into. */
    Optional<String> active(String id) {
        String current = id;
        for (int hops = 0; hops < 64; hops++) {
            List<String> into = jdbc.query("SELECT merged_into FROM identity_customer WHERE global_customer_id = ?",
                    (rs, n) -> rs.getString(1), current);
            if (into.isEmpty()) {
                return Optional.empty();
            }
            if (into.get(0) == null) {
                return Optional.of(current);
            }
            current = into.get(0);
        }
        throw new IllegalStateException("merge redirects of " + id + " do not end");
    }

    void createCustomer(String id, Instant at) {
        jdbc.update("INSERT INTO identity_customer (global_customer_id, version, created_at, updated_at)"
                + " VALUES (?, 0, ?, ?)", id, timestamp(at), timestamp(at));
    }

    void saveGolden(String id, String uscc, String taxId, String tier, String golden, String lineage, String search,
            long version, Instant at) {
        jdbc.update("UPDATE identity_customer SET uscc = ?, tax_id = ?, tier = ?, golden = ?, lineage = ?,"
                        + " search_text = ?, version = ?, updated_at = ?, merged_into = NULL WHERE global_customer_id = ?",
                uscc, taxId, tier, golden, lineage, search, version, timestamp(at), id);
    }

    void redirect(String merged, String survivor, Instant at) {
        jdbc.update("UPDATE identity_customer SET merged_into = ?, updated_at = ? WHERE global_customer_id = ?"
                + " OR merged_into = ?", survivor, timestamp(at), merged, merged);
    }

    /**
     * Points back at {@code restored} the customers that had been merged into it before it was
     * merged into {@code survivor} (a merge flattens redirects), and makes {@code restored} active.
     */
    void unredirect(String restored, String survivor, Instant at) {
        jdbc.update("UPDATE identity_customer SET merged_into = ?, updated_at = ? WHERE merged_into = ?"
                + " AND global_customer_id IN (SELECT other_id FROM identity_change WHERE kind = 'MERGE'"
                + " AND global_customer_id = ?)", restored, timestamp(at), survivor, restored);
        jdbc.update("UPDATE identity_customer SET merged_into = NULL, updated_at = ? WHERE global_customer_id = ?",
                timestamp(at), restored);
    }

    /** Serialises the hub nodes' exclusive identity work: a row lock held to the transaction's end. */
    void lockExclusive() {
        jdbc.queryForObject("SELECT id FROM identity_lock WHERE id = 1 FOR UPDATE", Integer.class);
    }

    List<String> activeWithUscc(String uscc) {
        return jdbc.queryForList("SELECT global_customer_id FROM identity_customer WHERE uscc = ? AND merged_into IS NULL"
                + " ORDER BY created_at, global_customer_id", String.class, uscc);
    }

    /** Active customers matching the filters, newest change first; {@code nameLike} is folded text. */
    List<CustomerRow> search(String nameLike, String uscc, String region, String tier, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.global_customer_id, c.merged_into, c.uscc, c.tax_id, c.tier,"
                + " c.golden, c.lineage, c.version, c.created_at, c.updated_at FROM identity_customer c"
                + " WHERE c.merged_into IS NULL AND c.golden IS NOT NULL");
        List<Object> args = new ArrayList<>();
        if (nameLike != null) {
            sql.append(" AND c.search_text LIKE ? ESCAPE '\\'");
            args.add("%" + nameLike.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (uscc != null) {
            sql.append(" AND c.uscc = ?");
            args.add(uscc);
        }
        if (tier != null) {
            sql.append(" AND c.tier = ?");
            args.add(tier);
        }
        if (region != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM identity_source s WHERE s.global_customer_id = c.global_customer_id"
                    + " AND s.region = ?)");
            args.add(region);
        }
        sql.append(" ORDER BY c.updated_at DESC, c.global_customer_id OFFSET ").append(offset)
                .append(" ROWS FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, n) -> new CustomerRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), instant(rs, 9),
                instant(rs, 10)), args.toArray());
    }

    // ------------------------------------------------------------------ steward pairs

    record PairRow(long id, String sourceA, String sourceB, double score, String evidence, String status,
            Instant createdAt, Instant decidedAt, String decidedBy) {
    }

    void queuePair(String a, String b, double score, String evidence, Instant at) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = first.equals(a) ? b : a;
        if (pair(first, second).isEmpty()) {
            jdbc.update("INSERT INTO identity_pair (source_a, source_b, score, evidence, status, created_at)"
                    + " VALUES (?, ?, ?, ?, 'PENDING', ?)", first, second, score, evidence, timestamp(at));
        }
    }

    Optional<PairRow> pair(String a, String b) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = first.equals(a) ? b : a;
        return jdbc.query("SELECT id, source_a, source_b, score, evidence, status, created_at, decided_at, decided_by"
                + " FROM identity_pair WHERE source_a = ? AND source_b = ?", this::pairRow, first, second)
                .stream().findFirst();
    }

    Optional<PairRow> pair(long id) {
        return jdbc.query("SELECT id, source_a, source_b, score, evidence, status, created_at, decided_at, decided_by"
                + " FROM identity_pair WHERE id = ?", this::pairRow, id).stream().findFirst();
    }

    List<PairRow> pairs(String status, int offset, int limit) {
        return jdbc.query("SELECT id, source_a, source_b, score, evidence, status, created_at, decided_at, decided_by"
                + " FROM identity_pair WHERE status = ? ORDER BY score DESC, id OFFSET " + offset
                + " ROWS FETCH FIRST " + limit + " ROWS ONLY", this::pairRow, status);
    }

    long countPairs(String status) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM identity_pair WHERE status = ?", Long.class, status);
        return count == null ? 0 : count;
    }

    void decidePair(long id, String status, String by, Instant at) {
        jdbc.update("UPDATE identity_pair SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?", status, by,
                timestamp(at), id);
    }

    /** Records two sources that must not be merged again (a steward's rejection or an unmerge). */
    void keepApart(String a, String b, String by, Instant at) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = first.equals(a) ? b : a;
        Optional<PairRow> existing = pair(first, second);
        if (existing.isPresent()) {
            decidePair(existing.get().id(), "REJECTED", by, at);
        } else {
            jdbc.update("INSERT INTO identity_pair (source_a, source_b, score, evidence, status, created_at, decided_at,"
                    + " decided_by) VALUES (?, ?, 0, 'kept apart', 'REJECTED', ?, ?, ?)", first, second, timestamp(at),
                    timestamp(at), by);
        }
    }

    /** Whether a steward or an unmerge kept a source of one customer apart from a source of the other. */
    boolean keptApart(String customer, String other) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM identity_pair p JOIN identity_source a"
                + " ON a.source_key = p.source_a JOIN identity_source b ON b.source_key = p.source_b"
                + " WHERE p.status = 'REJECTED' AND ((a.global_customer_id = ? AND b.global_customer_id = ?)"
                + " OR (a.global_customer_id = ? AND b.global_customer_id = ?))", Long.class,
                customer, other, other, customer);
        return count != null && count > 0;
    }

    // ------------------------------------------------------------------ activity

    record ActivityRow(String sourceKey, String kind, String region, String system, String sourceId,
            String customerKey, LocalDate touchDate, String currency, BigDecimal amount, String stage,
            boolean open, String eventId, Long version, Instant updatedAt, Instant receivedAt) {
    }

    Optional<ActivityRow> activity(String sourceKey) {
        return jdbc.query("SELECT source_key, kind, region, source_system, source_id, customer_key, touch_date, currency,"
                + " amount, stage, is_open, event_id, source_version, source_updated_at, received_at FROM identity_activity"
                + " WHERE source_key = ?", this::activityRow, sourceKey).stream().findFirst();
    }

    /** Stores an activity; {@code known} says whether a row for it exists already (read just before). */
    void saveActivity(ActivityRow a, boolean known) {
        int updated = !known ? 0 : jdbc.update("UPDATE identity_activity SET customer_key = ?, touch_date = ?, currency = ?, amount = ?,"
                        + " stage = ?, is_open = ?, event_id = ?, source_version = ?, source_updated_at = ?, received_at = ?"
                        + " WHERE source_key = ?", a.customerKey(), a.touchDate(), a.currency(), a.amount(), a.stage(),
                a.open(), a.eventId(), a.version(), timestamp(a.updatedAt()), timestamp(a.receivedAt()), a.sourceKey());
        if (updated == 0) {
            jdbc.update("INSERT INTO identity_activity (source_key, kind, region, source_system, source_id, customer_key,"
                            + " touch_date, currency, amount, stage, is_open, event_id, source_version, source_updated_at,"
                            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.sourceKey(), a.kind(), a.region(), a.system(), a.sourceId(), a.customerKey(), a.touchDate(),
                    a.currency(), a.amount(), a.stage(), a.open(), a.eventId(), a.version(), timestamp(a.updatedAt()),
                    timestamp(a.receivedAt()));
        }
    }

    /** Regions that ordered, order revenue in one currency (both since {@code since}), touchpoints since {@code touchSince}. */
    record Activity(int orderingRegions, BigDecimal revenue, long touchpoints) {
    }

    Activity activitySummary(String customer, LocalDate since, String currency, LocalDate touchSince) {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT CASE WHEN a.kind = 'ORDER' AND a.touch_date >= ? THEN a.region END),"
                + " COALESCE(SUM(CASE WHEN a.kind = 'ORDER' AND a.touch_date >= ? AND a.currency = ? THEN a.amount END), 0),"
                + " COUNT(CASE WHEN a.touch_date >= ? THEN 1 END)"
                + " FROM identity_activity a JOIN identity_source s ON s.source_key = a.customer_key"
                + " WHERE s.global_customer_id = ? AND a.touch_date >= ?", (rs, n) -> new Activity(rs.getInt(1),
                rs.getBigDecimal(2), rs.getLong(3)), since, since, currency, touchSince, customer,
                since.isBefore(touchSince) ? since : touchSince);
    }

    /** Order totals per currency, all time. */
    Map<String, BigDecimal> orderTotals(String customer) {
        Map<String, BigDecimal> totals = new java.util.TreeMap<>();
        jdbc.query("SELECT a.currency, SUM(a.amount) FROM identity_activity a JOIN identity_source s"
                + " ON s.source_key = a.customer_key WHERE s.global_customer_id = ? AND a.kind = 'ORDER'"
                + " AND a.currency IS NOT NULL AND a.amount IS NOT NULL GROUP BY a.currency",
                rs -> { totals.put(rs.getString(1), rs.getBigDecimal(2)); }, customer);
        return totals;
    }

    /** Open opportunities by stage: count and amount per currency. */
    List<Object[]> openPipeline(String customer) {
        return jdbc.query("SELECT a.stage, a.currency, COUNT(*), SUM(a.amount) FROM identity_activity a"
                + " JOIN identity_source s ON s.source_key = a.customer_key WHERE s.global_customer_id = ?"
                + " AND a.kind = 'OPPORTUNITY' AND a.is_open = TRUE GROUP BY a.stage, a.currency",
                (rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)},
                customer);
    }

    /** Last order date, touchpoints since two dates, orders and revenue (one currency) since a date. */
    Object[] recency(String customer, LocalDate touch30, LocalDate touch90, LocalDate year, String currency) {
        return jdbc.queryForObject("SELECT MAX(CASE WHEN a.kind = 'ORDER' THEN a.touch_date END),"
                + " COUNT(CASE WHEN a.touch_date >= ? THEN 1 END), COUNT(CASE WHEN a.touch_date >= ? THEN 1 END),"
                + " COUNT(CASE WHEN a.kind = 'ORDER' AND a.touch_date >= ? THEN 1 END),"
                + " COALESCE(SUM(CASE WHEN a.kind = 'ORDER' AND a.touch_date >= ? AND a.currency = ? THEN a.amount END), 0),"
                + " COUNT(*) FROM identity_activity a JOIN identity_source s ON s.source_key = a.customer_key"
                + " WHERE s.global_customer_id = ?", (rs, n) -> new Object[] {rs.getObject(1, LocalDate.class),
                rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6)},
                touch30, touch90, year, year, currency, customer);
    }

    /** The newest activities of one kind. */
    List<ActivityRow> newest(String customer, String kind, int limit) {
        return jdbc.query("SELECT a.source_key, a.kind, a.region, a.source_system, a.source_id, a.customer_key,"
                + " a.touch_date, a.currency, a.amount, a.stage, a.is_open, a.event_id, a.source_version,"
                + " a.source_updated_at, a.received_at FROM identity_activity a JOIN identity_source s"
                + " ON s.source_key = a.customer_key WHERE s.global_customer_id = ? AND a.kind = ?"
                + " ORDER BY a.touch_date DESC, a.source_key FETCH FIRST " + limit + " ROWS ONLY",
                this::activityRow, customer, kind);
    }

    // ------------------------------------------------------------------ changes

    record ChangeRow(long id, String eventId, String kind, String customer, String other, String detail, String actor,
            Instant at) {
    }

    void change(String eventId, String kind, String customer, String other, String detail, String actor, Instant at) {
        jdbc.update("INSERT INTO identity_change (event_id, kind, global_customer_id, other_id, detail, actor, happened_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", eventId, kind, customer, other, detail, actor, timestamp(at));
    }

    List<ChangeRow> changesByEvent(String eventId) {
        return jdbc.query("SELECT id, event_id, kind, global_customer_id, other_id, detail, actor, happened_at"
                + " FROM identity_change WHERE event_id = ? ORDER BY id", this::changeRow, eventId);
    }

    /** The newest changes of a customer (as the survivor or the other), newest first. */
    List<ChangeRow> changesOf(String customer, int limit) {
        return jdbc.query("SELECT id, event_id, kind, global_customer_id, other_id, detail, actor, happened_at"
                + " FROM identity_change WHERE global_customer_id = ? OR other_id = ? ORDER BY id DESC FETCH FIRST "
                + limit + " ROWS ONLY", this::changeRow, customer, customer);
    }

    /** The last merge of {@code merged} into another customer. */
    Optional<ChangeRow> lastMergeOf(String merged) {
        return jdbc.query("SELECT id, event_id, kind, global_customer_id, other_id, detail, actor, happened_at"
                + " FROM identity_change WHERE kind = 'MERGE' AND other_id = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                this::changeRow, merged).stream().findFirst();
    }

    // ------------------------------------------------------------------ mapping

    String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("identity values always serialise", e);
        }
    }

    <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an identity row the hub wrote cannot be read back", e);
        }
    }

    Map<String, Object> readMap(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json == null ? new LinkedHashMap<>() : read(json, LinkedHashMap.class);
        return map;
    }

    private SourceRow sourceRow(ResultSet rs, int n) throws SQLException {
        return new SourceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), read(rs.getString(7), CustomerProfile.class), rs.getString(8), rs.getString(9),
                rs.getObject(10, Long.class), instant(rs, 11), instant(rs, 12));
    }

    private PairRow pairRow(ResultSet rs, int n) throws SQLException {
        return new PairRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getString(9));
    }

    private ActivityRow activityRow(ResultSet rs, int n) throws SQLException {
        Long version = rs.getObject(13, Long.class);
        return new ActivityRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8), rs.getBigDecimal(9), rs.getString(10),
                rs.getBoolean(11), rs.getString(12), version, instant(rs, 14), instant(rs, 15));
    }

    private ChangeRow changeRow(ResultSet rs, int n) throws SQLException {
        return new ChangeRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), instant(rs, 8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant value) {
        return value == null ? null : Timestamp.from(value);
    }
}
