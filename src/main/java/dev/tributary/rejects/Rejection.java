package dev.tributary.rejects;

import dev.tributary.validation.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * A record the hub did not accept. {@code stage} says where: {@code INGEST} (the request itself)
 * or {@code PROCESSING} (after it was queued); {@code payload} is the input as received.
 */
public record Rejection(
        Long id,
        String region,
        String stage,
        String recordType,
        String sourceSystem,
        String sourceId,
        String sourceEventId,
        List<FieldError> reasons,
        String payload,
        Instant receivedAt) {

    public static final String INGEST = "INGEST";
    public static final String PROCESSING = "PROCESSING";
}
