package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.canonical.RecordType;
import dev.tributary.validation.FieldError;
import java.util.List;

/**
 * What became of one item of a request: accepted as {@code submission}, or rejected with
 * {@code errors}; {@code raw} is the item as received, kept for the rejected-records store.
 */
record ItemResult(int index, RecordType type, String sourceEventId, JsonNode raw, Submission submission,
        List<FieldError> errors) {

    static ItemResult accepted(int index, JsonNode raw, Submission submission) {
        return new ItemResult(index, submission.record().recordType(), submission.sourceEventId(), raw,
                submission, List.of());
    }

    static ItemResult rejected(int index, RecordType type, String sourceEventId, JsonNode raw,
            List<FieldError> errors) {
        return new ItemResult(index, type, sourceEventId, raw, null, List.copyOf(errors));
    }

    boolean isAccepted() {
        return submission != null;
    }
}
