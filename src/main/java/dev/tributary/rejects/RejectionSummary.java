package dev.tributary.rejects;

import dev.tributary.validation.FieldError;
import java.time.Instant;
import java.util.List;

/** A stored rejection without its payload excerpt, as listed by {@code GET /api/rejected}. */
record RejectionSummary(
        long id,
        String region,
        String stage,
        String recordType,
        String sourceSystem,
        String sourceId,
        String sourceEventId,
        List<FieldError> reasons,
        Instant receivedAt,
        Long payloadBytes,
        String payloadSha256,
        boolean truncated) {
}
