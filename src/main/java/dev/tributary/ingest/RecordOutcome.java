package dev.tributary.ingest;

import dev.tributary.validation.FieldError;
import java.util.List;

/**
 * What {@link Intake} made of one record: accepted (durable on {@code hub.inbound}, or a repeat of
 * an event that already is) with its event id and data-quality warnings (its customer is the
 * identity stage's to find, later), or rejected with every
 * problem and the id of its entry in the rejected store (null when the region's store budget was
 * spent; the reasons are still here).
 */
public record RecordOutcome(boolean accepted, String eventId, boolean repeated,
        Long rejectionId, List<FieldError> errors, List<FieldError> warnings) {
}
