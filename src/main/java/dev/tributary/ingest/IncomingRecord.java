package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.canonical.RecordType;
import dev.tributary.validation.FieldError;
import java.util.List;

/**
 * One record a source hands to {@link Intake}: its canonical form as the source's mapper wrote it
 * ({@code data}, a JSON object of the record's type, or null when it could not be mapped at all),
 * the id of this change in the source ({@code sourceEventId}, null to derive it from the record's
 * id and version), the input exactly as received (a vendor object, a file's rows; kept for the
 * rejected store) and the problems the source already found that make it unusable.
 */
public record IncomingRecord(RecordType type, String sourceEventId, JsonNode data, String received,
        List<FieldError> problems) {

    public IncomingRecord {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A record the source mapped; intake checks it. */
    public static IncomingRecord of(RecordType type, String sourceEventId, JsonNode data, String received) {
        return new IncomingRecord(type, sourceEventId, data, received, List.of());
    }
}
