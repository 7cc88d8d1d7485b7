package dev.tributary.rejects;

import dev.tributary.validation.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * A record the hub did not accept. {@code stage} says where: {@code INGEST} (the request itself)
 * or {@code PROCESSING} (after it was queued). A caller reports it with the ten-argument
 * constructor, {@code id} null and {@code payload} in full; the store keeps an excerpt, and a
 * stored rejection carries that excerpt in {@code payload} with the size and SHA-256 of the whole
 * payload and whether the excerpt is shorter than it.
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
        Instant receivedAt,
        Long payloadBytes,
        String payloadSha256,
        Boolean truncated) {

    public static final String INGEST = "INGEST";
    public static final String PROCESSING = "PROCESSING";

    /** A rejection as a caller reports it: the store fills in the size, digest and excerpt. */
    public Rejection(Long id, String region, String stage, String recordType, String sourceSystem, String sourceId,
            String sourceEventId, List<FieldError> reasons, String payload, Instant receivedAt) {
        this(id, region, stage, recordType, sourceSystem, sourceId, sourceEventId, reasons, payload, receivedAt,
                null, null, null);
    }
}
