package dev.tributary.ingest;

import dev.tributary.ops.HubMetrics;
import dev.tributary.rejects.Rejection;
import dev.tributary.rejects.RejectionStore;
import dev.tributary.validation.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The one door into the hub, for every source (canonical HTTP, files, pollers, webhooks): takes
 * the records of one input from a region and returns each accepted — durable on
 * {@code hub.inbound}, or a repeat of an event that already is — or rejected and stored with its
 * reasons. A repeated event id with other content is rejected as a conflict. Checks, dedupe,
 * rejects, metrics and ordering are the same whichever source calls. The source acknowledges its
 * input (answers, advances a watermark, moves a file) only after this returns; if it throws,
 * nothing of the input was accepted.
 */
@Component
public class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    /** The answer for one input: results in input order; a rejected result carries its rejection id. */
    record Outcome(List<ItemResult> results, List<Long> rejectionIds, List<Boolean> repeated) {
    }

    private final EventLedger ledger;
    private final InboundPublisher publisher;
    private final RejectionStore rejections;
    private final HubMetrics metrics;
    private final RecordChecker checker;

    Intake(EventLedger ledger, InboundPublisher publisher, RejectionStore rejections, HubMetrics metrics,
            RecordChecker checker) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.rejections = rejections;
        this.metrics = metrics;
        this.checker = checker;
    }

    /**
     * Accepts or rejects every record of one input that {@code source} (the name the region
     * declares it under, e.g. {@code orders-folder}) read for {@code region}. Field paths in the
     * outcomes are paths in the canonical record.
     *
     * @return one outcome per record, in input order
     * @throws IntakeUnavailableException nothing was accepted; hand the input in again later
     * @throws org.springframework.dao.DataIntegrityViolationException the database refused a value
     *     outright (a defect, not an outage): handing the input in again fails the same way
     */
    public List<RecordOutcome> submit(String region, String source, List<IncomingRecord> records) {
        String traceId = UUID.randomUUID().toString();
        List<ItemResult> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            items.add(checker.check(region, i, records.get(i), traceId));
        }
        Outcome outcome;
        try {
            outcome = submit(region, source, Rejection.INGEST, items);
        } catch (DataAccessException e) {
            if (e instanceof DataIntegrityViolationException) {
                throw e;
            }
            throw new IntakeUnavailableException("the database could not record the input", e);
        }
        List<RecordOutcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < outcome.results().size(); i++) {
            ItemResult r = outcome.results().get(i);
            outcomes.add(r.isAccepted()
                    ? new RecordOutcome(true, r.submission().eventId(),
                            outcome.repeated().get(i), null, List.of(), r.warnings())
                    : new RecordOutcome(false, null, false, outcome.rejectionIds().get(i), r.errors(), List.of()));
        }
        return outcomes;
    }

    /**
     * Accepts or rejects every item of one input from {@code region}.
     *
     * @throws BrokerUnavailableException the broker could not make the events durable
     * @throws DataAccessException the database could not record the input
     */
    Outcome submit(String region, String source, String stage, List<ItemResult> items) {
        List<ItemResult> results = new ArrayList<>(items);
        List<Submission> candidates = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).isAccepted()) {
                candidates.add(results.get(i).submission());
                positions.add(i);
            }
        }
        List<EventLedger.Claim> claims = ledger.claim(candidates);
        List<Boolean> repeated = new ArrayList<>(Collections.nCopies(results.size(), false));
        List<Submission> fresh = new ArrayList<>();
        List<Submission> toPublish = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            Submission s = candidates.get(k);
            int at = positions.get(k);
            switch (claims.get(k)) {
                case NEW -> {
                    fresh.add(s);
                    toPublish.add(s);
                }
                case UNCONFIRMED -> {
                    toPublish.add(s);
                    repeated.set(at, true);
                }
                case REPEATED -> repeated.set(at, true);
                case CONFLICT -> results.set(at, results.get(at).rejectedFor(new FieldError("sourceEventId",
                        "'" + s.sourceEventId() + "' was already accepted with different content; a new change"
                                + " of the record needs a new sourceEventId (the earlier change stands)")));
            }
        }
        try {
            publisher.publish(toPublish);
        } catch (BrokerUnavailableException e) {
            ledger.release(toPublish); // the entries this request owns, new or taken over
            throw e;
        }
        // stored only once the input's events are durable: an input the broker refused is handed in
        // again, and its rejections would otherwise be stored (and counted) once per attempt
        List<ItemResult> rejected = results.stream().filter(r -> !r.isAccepted()).toList();
        List<Long> ids = storeRejections(region, stage, rejected, toPublish.isEmpty());
        try {
            ledger.confirm(toPublish);
        } catch (DataAccessException e) {
            // the events are durable; unconfirmed entries only mean a repeat is queued again
            log.warn("could not mark {} events of {} durable in the ingest ledger: {}", toPublish.size(), region,
                    e.getClass().getSimpleName());
        }
        fresh.forEach(s -> metrics.received(region));
        for (int i = 0; i < results.size(); i++) {
            ItemResult r = results.get(i);
            metrics.intake(region, source, !r.isAccepted() ? "rejected" : repeated.get(i) ? "repeated" : "accepted");
            if (!r.warnings().isEmpty() && !repeated.get(i)) {
                metrics.warned(region, source);
            }
        }
        List<Long> rejectionIds = new ArrayList<>(Collections.nCopies(results.size(), (Long) null));
        int next = 0;
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).isAccepted()) {
                rejectionIds.set(i, ids.get(next++));
            }
        }
        return new Outcome(results, rejectionIds, repeated);
    }

    /** Ids of the stored rejections (null: not stored); the answer lists every reason either way. */
    private List<Long> storeRejections(String region, String stage, List<ItemResult> rejected, boolean nothingQueued) {
        try {
            return rejections.saveAll(rejected.stream().map(r -> toRejection(region, stage, r)).toList());
        } catch (DataAccessException e) {
            if (nothingQueued) {
                throw e; // nothing of the input was taken: it is handed in again, rejections and all
            }
            // the accepted events are durable already: failing the input now would answer 503 for them
            log.warn("could not store {} rejections of {}: {}", rejected.size(), region, e.getClass().getSimpleName());
            return new ArrayList<>(Collections.nCopies(rejected.size(), (Long) null));
        }
    }

    private static Rejection toRejection(String region, String stage, ItemResult r) {
        return new Rejection(null, region, stage, r.type() == null ? null : r.type().wireName(), r.sourceSystem(),
                r.sourceId(), r.sourceEventId(), r.errors(), r.text(), Instant.now());
    }
}
