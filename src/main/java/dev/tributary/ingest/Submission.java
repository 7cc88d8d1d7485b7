package dev.tributary.ingest;

import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.validation.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * One accepted inbound event, ready to be made durable on the broker; {@code recordJson} is the
 * record as it is queued (UTF-8 JSON), from which its content digest is taken; {@code warnings}
 * are its data-quality warnings (paths in the record), carried on the event; {@code customerKey}
 * names the source customer, whose events keep their order on the inbound queue (its message group).
 */
public record Submission(
        String eventId,
        String region,
        String sourceSystem,
        String sourceEventId,
        String customerKey,
        String traceId,
        Instant receivedAt,
        CanonicalRecord record,
        byte[] recordJson,
        List<FieldError> warnings) {
}
