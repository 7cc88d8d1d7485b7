package dev.tributary.ingest;

import dev.tributary.config.HubProperties;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingest ledger ({@code ingest_event}): which event ids the hub has accepted, with the digest
 * of the content each carried. It tells a new event from a repeat of one already durable (answered
 * again, not queued again) and from a conflict: the same event id with other content, which would
 * otherwise be dropped as a duplicate without anyone noticing.
 */
@Component
class EventLedger {

    /** What the ledger knew of an event before this request. */
    enum Claim {
        /** Never seen: queue it. */
        NEW,
        /** Seen with the same content and durable: answer as accepted, queue nothing. */
        REPEATED,
        /** Seen with the same content, left unconfirmed by a request that never finished: queue it again. */
        UNCONFIRMED,
        /** Seen with other content: reject. */
        CONFLICT
    }

    private static final Logger log = LoggerFactory.getLogger(EventLedger.class);
    /**
     * The form in which ingest writes a record: raise it with any change of normalisation that
     * writes the same input differently, so that a digest of the old form is not taken for a conflict.
     */
    static final int RECORD_FORM = 2;
    private static final String INSERT = "INSERT INTO ingest_event (event_id, content_sha256, region, received_at,"
            + " record_form) VALUES (?, ?, ?, ?, " + RECORD_FORM + ")";
    private static final int PURGE_CHUNK = 5_000;
    /** Longer than any request takes to make its events durable: an entry unconfirmed for longer was left by a stopped hub. */
    private static final Duration IN_FLIGHT_LIMIT = Duration.ofSeconds(60);
    /** How long a request waits for another one accepting the same events before it answers 503. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final HubProperties.Ingest settings;
    private final Clock clock;

    EventLedger(JdbcTemplate jdbc, HubProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.settings = properties.ingest();
        this.clock = Clock.systemUTC();
    }

    /**
     * Records the submissions not seen before and tells, per submission in order, what it is. An
     * event another request is still making durable is waited for, so that only one request ever
     * queues an event id; if it does not settle in time, {@link Busy} is thrown and nothing is recorded.
     */
    List<Claim> claim(List<Submission> submissions) {
        if (submissions.isEmpty()) {
            return List.of();
        }
        Map<String, Known> known = settle(known(submissions.stream().map(Submission::eventId).distinct().toList()));
        List<Claim> claims = new ArrayList<>(submissions.size());
        Map<String, String> fresh = new HashMap<>();
        List<Submission> toInsert = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Submission s : submissions) {
            String digest = digest(s.recordJson());
            Known earlier = known.get(s.eventId());
            boolean repeatInInput = !seen.add(s.eventId());
            if (earlier == null && !repeatInInput) {
                fresh.put(s.eventId(), digest);
                toInsert.add(s);
                claims.add(Claim.NEW);
            } else if (!digest.equals(earlier != null ? earlier.digest() : fresh.get(s.eventId()))
                    && (earlier == null || earlier.form() == RECORD_FORM)) {
                claims.add(Claim.CONFLICT);
            } else if (repeatInInput || earlier.confirmed()) {
                // a repeat within one input is queued with its first occurrence: the broker only
                // drops a duplicate of what an earlier transaction committed
                claims.add(Claim.REPEATED);
            } else {
                claims.add(Claim.UNCONFIRMED); // left by a request that did not finish; taken over by this one
            }
        }
        insert(toInsert, fresh, claims, submissions);
        return claims;
    }

    /** Another request is still making some of these events durable; the caller should retry shortly. */
    static final class Busy extends IntakeUnavailableException {
        Busy() {
            super("events of this input are being accepted by another input right now");
        }
    }

    /**
     * Waits until no entry is being made durable by another request: each is confirmed, gone (that
     * request failed), or unconfirmed for longer than any request takes — left by a hub that stopped
     * — and then taken over by this request, so that one request re-queues it.
     */
    private Map<String, Known> settle(Map<String, Known> known) {
        Map<String, Known> settled = new HashMap<>(known);
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        while (true) {
            Instant staleBefore = clock.instant().minus(IN_FLIGHT_LIMIT);
            List<String> pending = new ArrayList<>();
            for (Map.Entry<String, Known> entry : settled.entrySet()) {
                Known k = entry.getValue();
                if (!k.confirmed() && !k.takenOver()) {
                    if (k.receivedAt().isBefore(staleBefore) && takeOver(entry.getKey(), k.receivedAt())) {
                        entry.setValue(new Known(k.digest(), false, clock.instant(), true, k.form()));
                    } else {
                        pending.add(entry.getKey());
                    }
                }
            }
            if (pending.isEmpty()) {
                return settled;
            }
            if (System.nanoTime() > deadline) {
                throw new Busy();
            }
            sleep();
            Map<String, Known> now = known(pending);
            pending.forEach(id -> {
                if (now.containsKey(id)) {
                    settled.put(id, now.get(id));
                } else {
                    settled.remove(id);
                }
            });
        }
    }

    /** Whether this request took over an entry left unconfirmed (nobody else did meanwhile). */
    private boolean takeOver(String eventId, Instant receivedAt) {
        return jdbc.update("UPDATE ingest_event SET received_at = ? WHERE event_id = ? AND confirmed_at IS NULL"
                + " AND received_at = ?", Timestamp.from(clock.instant()), uuid(eventId), Timestamp.from(receivedAt)) == 1;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }

    /** Marks these events durable on the broker. */
    void confirm(List<Submission> submissions) {
        if (!submissions.isEmpty()) {
            List<Object> args = new ArrayList<>();
            args.add(Timestamp.from(clock.instant()));
            submissions.forEach(s -> args.add(uuid(s.eventId())));
            jdbc.update("UPDATE ingest_event SET confirmed_at = ? WHERE event_id IN ("
                    + placeholders(submissions.size()) + ")", args.toArray());
        }
    }

    /** Forgets events that were recorded but could not be made durable, so that a retry is new again. */
    void release(List<Submission> submissions) {
        if (!submissions.isEmpty()) {
            jdbc.update("DELETE FROM ingest_event WHERE confirmed_at IS NULL AND event_id IN ("
                    + placeholders(submissions.size()) + ")", submissions.stream().map(s -> uuid(s.eventId())).toArray());
        }
    }

    /** Deletes entries older than the retention, in chunks, so no purge holds a long transaction. */
    @Scheduled(fixedDelayString = "${tributary.ingest.dedupe-purge-interval:10m}", initialDelayString = "1m")
    void purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(settings.dedupeRetention()));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM ingest_event WHERE event_id IN (SELECT event_id FROM ingest_event"
                    + " WHERE received_at < ? FETCH FIRST " + PURGE_CHUNK + " ROWS ONLY)", before);
            total += deleted;
        } while (deleted == PURGE_CHUNK);
        if (total > 0) {
            log.info("forgot {} ingested event ids older than {}", total, settings.dedupeRetention());
        }
    }

    /** Inserts the new rows in one transaction; a concurrent request with the same ids makes it go row by row. */
    private void insert(List<Submission> rows, Map<String, String> digests, List<Claim> claims, List<Submission> all) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try {
            transaction.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, rows.stream()
                    .map(s -> new Object[] {uuid(s.eventId()), digests.get(s.eventId()), s.region(), now}).toList()));
        } catch (DuplicateKeyException raced) {
            // another request recorded some of these ids meanwhile: insert row by row, and an id
            // taken is treated as seen before, once that request has settled it
            List<Submission> inserted = new ArrayList<>();
            for (Submission s : rows) {
                try {
                    jdbc.update(INSERT, uuid(s.eventId()), digests.get(s.eventId()), s.region(), now);
                    inserted.add(s);
                } catch (DuplicateKeyException e) {
                    Known theirs;
                    try {
                        theirs = settle(known(List.of(s.eventId()))).get(s.eventId());
                    } catch (Busy busy) {
                        release(inserted);
                        throw busy;
                    }
                    if (theirs == null) {
                        release(inserted); // recorded and released again meanwhile: the client retries
                        throw new Busy();
                    }
                    Claim claim = !digests.get(s.eventId()).equals(theirs.digest()) ? Claim.CONFLICT
                            : theirs.confirmed() ? Claim.REPEATED : Claim.UNCONFIRMED;
                    for (int i = 0; i < all.size(); i++) {
                        if (all.get(i).eventId().equals(s.eventId()) && claims.get(i) == Claim.NEW) {
                            claims.set(i, claim);
                        }
                    }
                }
            }
        }
    }

    /**
     * A ledger entry: the content digest, whether the event is known to be durable, when it was
     * recorded, and whether this request took it over from one that did not finish.
     */
    /** {@code form}: the {@link #RECORD_FORM} the digest was taken in. */
    private record Known(String digest, boolean confirmed, Instant receivedAt, boolean takenOver, int form) {
    }

    private Map<String, Known> known(List<String> eventIds) {
        Map<String, Known> known = new HashMap<>();
        jdbc.query("SELECT event_id, content_sha256, confirmed_at, received_at, record_form FROM ingest_event"
                + " WHERE event_id IN (" + placeholders(eventIds.size()) + ")", rs -> {
                    known.put(rs.getObject(1, UUID.class).toString(), new Known(rs.getString(2), rs.getTimestamp(3) != null,
                            rs.getTimestamp(4).toInstant(), false, rs.getInt(5)));
                }, eventIds.stream().map(EventLedger::uuid).toArray());
        return known;
    }

    /** Event ids are name-based UUIDs (SubmissionReader#eventId), kept as the database's UUID type. */
    private static UUID uuid(String eventId) {
        return UUID.fromString(eventId);
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
