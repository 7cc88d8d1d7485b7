package dev.tributary.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The parked events of every target (tables {@code dispatch_parked_group} and
 * {@code dispatch_parked_event}, migration V9): per customer, the event that failed first with its
 * retry time and attempts, and the customer's later events behind it, in arrival order.
 */
@Component
class ParkedEvents {

    /** A parked event: the consumed message's body and hub properties, as it would go to a dead letter. */
    record Parked(long id, String eventId, Map<String, Object> properties, byte[] body) {
    }

    /** A group due for a retry, claimed by one worker until it reports back. */
    record Due(String group, int attempts, String lastReason) {
    }

    private static final TypeReference<LinkedHashMap<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ParkedEvents(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Parks an event behind its customer's others; a customer with none parked gets a group
     * retried at {@code nextAttemptMs} after {@code attempts} failed attempts. Parking an event
     * again (a redelivery) changes nothing. The event is stored first and the group after it,
     * each in a statement of its own (PostgreSQL cannot go on in a transaction after a duplicate
     * key), so that a group emptied meanwhile by {@link #settle} on another node is made again.
     */
    void park(String target, String group, String eventId, Map<String, Object> properties, byte[] body,
            int attempts, long nextAttemptMs, String reason, Integer status, long nowMs) {
        try {
            jdbc.update("INSERT INTO dispatch_parked_event (target, group_key, event_id, properties, body, parked_at_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", target, group, eventId, write(properties),
                    new String(body, StandardCharsets.UTF_8), nowMs);
        } catch (DuplicateKeyException redelivered) {
            // parked before; the broker delivered it again after a rollback
        }
        try {
            jdbc.update("INSERT INTO dispatch_parked_group (target, group_key, attempts, next_attempt_ms, last_reason,"
                    + " last_status, parked_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)", target, group, attempts, nextAttemptMs,
                    cut(reason), status, nowMs);
        } catch (DuplicateKeyException alreadyParked) {
            // the customer already waits: this event goes behind the others
        }
    }

    /** Whether {@code group} has parked events at {@code target} (a customer another node parked). */
    boolean isParked(String target, String group) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dispatch_parked_group WHERE target = ? AND group_key = ?",
                Integer.class, target, group);
        return count != null && count > 0;
    }

    /** The customers with parked events at {@code target}. */
    Set<String> groups(String target) {
        return new HashSet<>(jdbc.queryForList("SELECT group_key FROM dispatch_parked_group WHERE target = ?",
                String.class, target));
    }

    /**
     * Claims up to {@code limit} groups due at {@code nowMs}: each is moved {@code leaseMs} into
     * the future, so another worker (on this node or another) does not take it meanwhile.
     */
    List<Due> claimDue(String target, long nowMs, int limit, long leaseMs) {
        List<Object[]> rows = jdbc.query("SELECT group_key, attempts, claim, last_reason FROM dispatch_parked_group"
                + " WHERE target = ? AND next_attempt_ms <= ? ORDER BY next_attempt_ms FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)}, target, nowMs);
        List<Due> claimed = new ArrayList<>();
        for (Object[] row : rows) {
            int updated = jdbc.update("UPDATE dispatch_parked_group SET next_attempt_ms = ?, claim = claim + 1"
                    + " WHERE target = ? AND group_key = ? AND claim = ?", nowMs + leaseMs, target, row[0], row[2]);
            if (updated == 1) {
                claimed.add(new Due((String) row[0], (Integer) row[1], (String) row[3]));
            }
        }
        return claimed;
    }

    /** The oldest parked event of a group, or null when it has none. */
    Parked head(String target, String group) {
        List<Parked> rows = jdbc.query("SELECT id, event_id, properties, body FROM dispatch_parked_event"
                + " WHERE target = ? AND group_key = ? ORDER BY id FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new Parked(rs.getLong(1), rs.getString(2), read(rs.getString(3)),
                        rs.getString(4).getBytes(StandardCharsets.UTF_8)), target, group);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Removes a settled event (delivered or dead-lettered); the group's next event is due at once.
     * Returns whether events remain. A group left empty is removed in one statement that checks it
     * is empty, so an event parked meanwhile (on another node) keeps its group.
     */
    boolean settle(String target, String group, long eventRowId, long nowMs) {
        jdbc.update("DELETE FROM dispatch_parked_event WHERE id = ?", eventRowId);
        int removed = jdbc.update("DELETE FROM dispatch_parked_group WHERE target = ? AND group_key = ? AND NOT EXISTS"
                + " (SELECT 1 FROM dispatch_parked_event e WHERE e.target = ? AND e.group_key = ?)", target, group, target, group);
        if (removed == 1) {
            return false;
        }
        return jdbc.update("UPDATE dispatch_parked_group SET attempts = 0, next_attempt_ms = ?, last_reason = NULL,"
                + " last_status = NULL WHERE target = ? AND group_key = ?", nowMs, target, group) == 1;
    }

    /** Records a failed retry of the group's head; it is due again at {@code nextAttemptMs}. */
    void retryLater(String target, String group, int attempts, long nextAttemptMs, String reason, Integer status) {
        jdbc.update("UPDATE dispatch_parked_group SET attempts = ?, next_attempt_ms = ?, last_reason = ?, last_status = ?"
                + " WHERE target = ? AND group_key = ?", attempts, nextAttemptMs, cut(reason), status, target, group);
    }

    /** Makes a claimed group due again at {@code nextAttemptMs} without counting an attempt (not tried). */
    void release(String target, String group, long nextAttemptMs) {
        jdbc.update("UPDATE dispatch_parked_group SET next_attempt_ms = ? WHERE target = ? AND group_key = ?",
                nextAttemptMs, target, group);
    }

    /** The customers waiting at {@code target}, the next due first, with their retry state and event count. */
    List<Map<String, Object>> waiting(String target, int limit) {
        return jdbc.query("SELECT g.group_key, g.attempts, g.next_attempt_ms, g.last_reason, g.last_status, g.parked_at_ms,"
                + " (SELECT COUNT(*) FROM dispatch_parked_event e WHERE e.target = g.target AND e.group_key = g.group_key)"
                + " FROM dispatch_parked_group g WHERE g.target = ? ORDER BY g.next_attempt_ms FETCH FIRST " + limit
                + " ROWS ONLY", (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("customer", rs.getString(1));
                    row.put("events", rs.getLong(7));
                    row.put("failedAttempts", rs.getInt(2));
                    row.put("nextAttemptAt", java.time.Instant.ofEpochMilli(rs.getLong(3)).toString());
                    row.put("lastReason", rs.getString(4));
                    int status = rs.getInt(5);
                    row.put("lastHttpStatus", rs.wasNull() ? null : status);
                    row.put("parkedAt", java.time.Instant.ofEpochMilli(rs.getLong(6)).toString());
                    return row;
                }, target);
    }

    /** How many events are parked at {@code target}, and since when the oldest waits (epoch ms, 0: none). */
    long[] backlog(String target) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(MIN(parked_at_ms), 0) FROM dispatch_parked_event WHERE target = ?",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, target);
    }

    private String write(Map<String, Object> properties) {
        try {
            return json.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event properties cannot be written", e);
        }
    }

    private Map<String, Object> read(String properties) {
        try {
            return json.readValue(properties, PROPERTIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parked event properties cannot be read", e);
        }
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 1999) + "…";
    }
}
