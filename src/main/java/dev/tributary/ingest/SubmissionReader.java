package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.canonical.RecordType;
import dev.tributary.validation.FieldError;
import dev.tributary.validation.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns the items of an ingest request ({@code {"type", "sourceEventId", "data"}}) into accepted
 * submissions or rejections that list every problem: the envelope's here, the record's by
 * {@link RecordChecker}, as for every other source.
 */
@Component
class SubmissionReader {

    private static final Set<String> ITEM_FIELDS = Set.of("type", "sourceEventId", "data");

    private final RecordChecker checker;

    SubmissionReader(RecordChecker checker) {
        this.checker = checker;
    }

    /** Reads one item; {@code index} is its position in the request (0 for a single object). */
    ItemResult read(String region, int index, IngestBody.Item received, String traceId) {
        JsonNode item = received.node();
        String text = received.text();
        if (!item.isObject()) {
            return ItemResult.rejected(index, null, null, text, null,
                    List.of(new FieldError("(item)", "must be a JSON object with type, sourceEventId and data")));
        }
        List<FieldError> errors = new ArrayList<>();
        RecordType type = RecordType.fromWireName(item.path("type").asText(null));
        if (type == null) {
            errors.add(new FieldError("type", item.hasNonNull("type")
                    ? "'" + InputLimits.shorten(item.get("type").asText()) + "' is not one of customer, order, opportunity"
                    : "is required: one of customer, order, opportunity"));
        }
        JsonNode sourceEventIdNode = item.get("sourceEventId");
        String sourceEventId = null;
        if (sourceEventIdNode != null && !sourceEventIdNode.isNull()) {
            if (sourceEventIdNode.isTextual() || sourceEventIdNode.isIntegralNumber()) {
                sourceEventId = sourceEventIdNode.asText().strip();
                String problem = sourceEventId.isEmpty() ? "must not be empty" : InputLimits.idProblem(sourceEventId);
                if (problem != null) {
                    errors.add(new FieldError("sourceEventId", problem));
                }
            } else {
                errors.add(new FieldError("sourceEventId", "must be a string"));
            }
        }
        JsonNode data = item.get("data");
        if (data == null || !data.isObject()) {
            errors.add(new FieldError("data", data == null ? "is required: the canonical record" : "must be a JSON object"));
        }
        item.fieldNames().forEachRemaining(name -> {
            if (!ITEM_FIELDS.contains(name)) {
                errors.add(new FieldError(InputLimits.fieldName(name),
                        "is not a field of an ingest item (type, sourceEventId, data)"));
            }
        });
        if (type == null || data == null || !data.isObject()) {
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        // the envelope's problems are listed with the record's
        return checker.check(region, index, type, sourceEventId, text, data, "data.", errors, traceId);
    }
}
