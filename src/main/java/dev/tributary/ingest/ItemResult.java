package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.canonical.RecordType;
import dev.tributary.canonical.SourceRef;
import dev.tributary.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of one item of a request: accepted as {@code submission}, or rejected with
 * {@code errors}. {@code text} is the item exactly as received (kept for the rejected-records
 * store); source system and id are the record's, as far as they could be read.
 */
record ItemResult(int index, RecordType type, String sourceEventId, String sourceSystem, String sourceId,
        String text, Submission submission, List<FieldError> errors) {

    /** Data-quality warnings of an accepted item (what normalisation kept as written), paths in the record. */
    List<FieldError> warnings() {
        return submission == null ? List.of() : submission.warnings();
    }

    /** Most problems listed for one item; an answer about a hostile item stays small. */
    static final int MAX_ERRORS = 50;

    static ItemResult accepted(int index, String text, Submission submission) {
        SourceRef source = submission.record().primarySource();
        return new ItemResult(index, submission.record().recordType(), submission.sourceEventId(), source.system(),
                source.sourceId(), text, submission, List.of());
    }

    /** {@code data} is the record as far as it was read (null when absent), for its source reference. */
    static ItemResult rejected(int index, RecordType type, String sourceEventId, String text, JsonNode data,
            List<FieldError> errors) {
        JsonNode ref = data == null ? null : data.path("sourceRef");
        if (ref == null || ref.isMissingNode()) {
            ref = data == null ? null : data.path("sourceRefs").path(0);
        }
        return new ItemResult(index, type, sourceEventId, textOrNull(ref, "system"), textOrNull(ref, "sourceId"),
                text, null, listed(errors));
    }

    /** This accepted item rejected after all, for {@code reason}. */
    ItemResult rejectedFor(FieldError reason) {
        return new ItemResult(index, type, sourceEventId, sourceSystem, sourceId, text, null, List.of(reason));
    }

    boolean isAccepted() {
        return submission != null;
    }

    private static List<FieldError> listed(List<FieldError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return List.copyOf(errors);
        }
        List<FieldError> listed = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        listed.add(new FieldError("(item)", (errors.size() - MAX_ERRORS) + " more problems are not listed"));
        return List.copyOf(listed);
    }

    private static String textOrNull(JsonNode ref, String field) {
        JsonNode value = ref == null ? null : ref.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
