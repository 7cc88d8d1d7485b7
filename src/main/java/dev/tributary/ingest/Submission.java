package dev.tributary.ingest;

import dev.tributary.canonical.CanonicalRecord;
import java.time.Instant;

/**
 * One accepted inbound event, ready to be made durable on the broker; {@code recordJson} is the
 * record as it is queued (UTF-8 JSON), from which its content digest is taken.
 */
public record Submission(
        String eventId,
        String region,
        String sourceSystem,
        String sourceEventId,
        String globalCustomerId,
        String traceId,
        Instant receivedAt,
        CanonicalRecord record,
        byte[] recordJson) {
}
