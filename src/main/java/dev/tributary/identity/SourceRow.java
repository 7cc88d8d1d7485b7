package dev.tributary.identity;

import java.time.Instant;

/**
 * One cross-reference row: a source's customer, the global customer it belongs to, and the
 * record as last accepted from the source (a stub built from an order's reference when
 * {@code hasRecord} is false).
 */
record SourceRow(
        String sourceKey,
        String region,
        String system,
        String sourceId,
        String globalCustomerId,
        boolean hasRecord,
        CustomerProfile profile,
        String record,
        String eventId,
        Long version,
        Instant updatedAt,
        Instant receivedAt) {

    /** {@code region/system/sourceId}, as people write it. */
    String reference() {
        return region + "/" + system + "/" + sourceId;
    }
}
