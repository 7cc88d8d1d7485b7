package dev.tributary.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.RecordType;
import dev.tributary.canonical.SourceRef;
import dev.tributary.identity.GlobalCustomerIds;
import dev.tributary.schema.SchemaRegistry;
import dev.tributary.validation.CanonicalValidator;
import dev.tributary.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns the items of an ingest request ({@code {"type", "sourceEventId", "data"}}) into accepted
 * submissions or rejections that list every problem: envelope, JSON shape, then business rules.
 */
@Component
class SubmissionReader {

    private final ObjectMapper mapper;
    private final SchemaRegistry schemas;
    private final CanonicalValidator validator = new CanonicalValidator();
    private final Clock clock;

    @Autowired
    SubmissionReader(ObjectMapper mapper, SchemaRegistry schemas) {
        this(mapper, schemas, Clock.systemUTC());
    }

    SubmissionReader(ObjectMapper mapper, SchemaRegistry schemas, Clock clock) {
        this.mapper = mapper;
        this.schemas = schemas;
        this.clock = clock;
    }

    /** Reads one item; {@code index} is its position in the request (0 for a single object). */
    ItemResult read(String region, int index, JsonNode item, String traceId) {
        JsonNode raw = item.deepCopy();
        if (!item.isObject()) {
            return ItemResult.rejected(index, null, null, raw,
                    List.of(new FieldError("(item)", "must be a JSON object with type, sourceEventId and data")));
        }
        List<FieldError> errors = new ArrayList<>();
        RecordType type = RecordType.fromWireName(item.path("type").asText(null));
        if (type == null) {
            errors.add(new FieldError("type", item.hasNonNull("type")
                    ? "'" + item.get("type").asText() + "' is not one of customer, order, opportunity"
                    : "is required: one of customer, order, opportunity"));
        }
        JsonNode sourceEventIdNode = item.get("sourceEventId");
        String sourceEventId = sourceEventIdNode != null && sourceEventIdNode.isValueNode() && !sourceEventIdNode.isNull()
                ? sourceEventIdNode.asText().strip() : null;
        if (sourceEventIdNode != null && !sourceEventIdNode.isNull() && !sourceEventIdNode.isTextual()
                && !sourceEventIdNode.isIntegralNumber()) {
            errors.add(new FieldError("sourceEventId", "must be a string"));
        }
        JsonNode data = item.get("data");
        if (data == null || !data.isObject()) {
            errors.add(new FieldError("data", data == null ? "is required: the canonical record" : "must be a JSON object"));
        }
        item.fieldNames().forEachRemaining(name -> {
            if (!List.of("type", "sourceEventId", "data").contains(name)) {
                errors.add(new FieldError(name, "is not a field of an ingest item (type, sourceEventId, data)"));
            }
        });
        if (!errors.isEmpty()) {
            return ItemResult.rejected(index, type, sourceEventId, raw, errors);
        }
        CanonicalNormaliser.normalise(data, region);
        errors.addAll(prefixed(schemas.check(type, data)));
        if (!errors.isEmpty()) {
            return ItemResult.rejected(index, type, sourceEventId, raw, errors);
        }
        CanonicalRecord record;
        try {
            record = mapper.treeToValue(data, type.recordClass());
        } catch (JsonProcessingException e) {
            return ItemResult.rejected(index, type, sourceEventId, raw,
                    List.of(new FieldError("data", "cannot be read: " + e.getOriginalMessage())));
        }
        errors.addAll(prefixed(validator.validate(record)));
        SourceRef source = record.primarySource();
        if (source != null && source.region() != null && !source.region().equals(region)) {
            errors.add(new FieldError("data." + (record instanceof Customer ? "sourceRefs[0]" : "sourceRef") + ".region",
                    "'" + source.region() + "' does not match the region of the ingest URL '" + region + "'"));
        }
        String eventKey = sourceEventId != null ? sourceEventId : defaultSourceEventId(record);
        if (eventKey == null) {
            errors.add(new FieldError("sourceEventId",
                    "is required when the record has no version or update time to tell its changes apart"));
        }
        if (!errors.isEmpty()) {
            return ItemResult.rejected(index, type, sourceEventId, raw, errors);
        }
        Submission submission = new Submission(eventId(region, source.system(), eventKey), region, source.system(),
                eventKey, GlobalCustomerIds.of(record), traceId, Instant.now(clock), record);
        return ItemResult.accepted(index, raw, submission);
    }

    /** The hub's event id: the same for the same (region, source system, source event id). */
    static String eventId(String region, String system, String sourceEventId) {
        String key = region + "|" + system + "|" + sourceEventId;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A source event id made of the record's id and version, when the record carries one. */
    static String defaultSourceEventId(CanonicalRecord record) {
        SourceRef source = record.primarySource();
        Object version = null;
        if (record instanceof Order o) {
            version = o.sourceVersion() != null ? o.sourceVersion() : o.sourceUpdatedAt();
        } else if (record instanceof Opportunity o) {
            version = o.sourceUpdatedAt();
        } else if (record instanceof Customer c) {
            version = c.version() != null ? c.version() : c.updatedAt();
        }
        if (version == null || source == null) {
            return null;
        }
        return record.recordType().wireName() + ":" + source.sourceId() + ":" + version;
    }

    private static List<FieldError> prefixed(List<FieldError> errors) {
        return errors.stream().map(e -> new FieldError("data." + e.field(), e.message())).toList();
    }
}
