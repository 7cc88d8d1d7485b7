package dev.tributary.targets;

import java.util.List;

/**
 * A configured target's adapter: delivers events to its HQ system and classifies each outcome.
 * Dispatch calls it from several threads at once; an adapter keeps its session (token, cookie,
 * CSRF token) thread-safe.
 *
 * <p>Every delivery must be idempotent: dispatch may deliver an event again (after a crash, a
 * rollback, a replay), and the vendor must then update, never create a second record.
 */
public interface TargetAdapter extends AutoCloseable {

    /** The most events one {@link #deliver} call takes (the vendor's batch limit); 1 without batching. */
    default int maxBatch() {
        return 1;
    }

    /**
     * Whether the target takes events of {@code collection} at all (an ERP may take no
     * opportunities). Dispatch acknowledges the others without a call and counts them
     * ({@code tributary_dispatch_not_taken_total}); it never hands them to {@link #deliver}.
     */
    default boolean takes(String collection) {
        return true;
    }

    /**
     * Delivers {@code events} (at most {@link #maxBatch()}, at most one per customer, in any order
     * the adapter prefers) and returns one outcome per event, in the order of {@code events}. A
     * failure of the whole call (no answer, a 503) is an outcome for every event, not an exception;
     * an exception is read by dispatch as a transient failure of every event.
     */
    List<DeliveryOutcome> deliver(List<TargetEvent> events);

    @Override
    default void close() {
    }
}
