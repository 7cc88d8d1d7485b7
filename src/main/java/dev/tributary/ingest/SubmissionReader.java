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
import dev.tributary.identity.Keys;
import dev.tributary.schema.SchemaRegistry;
import dev.tributary.validation.CanonicalValidator;
import dev.tributary.validation.FieldError;
import dev.tributary.validation.InputLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns the items of an ingest request ({@code {"type", "sourceEventId", "data"}}) into accepted
 * submissions or rejections that list every problem: envelope, bounds, JSON shape, then business
 * rules, then whether the record speaks only for the region it was sent to.
 */
@Component
class SubmissionReader {

    private static final Set<String> ITEM_FIELDS = Set.of("type", "sourceEventId", "data");

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
        // the envelope's problems are listed with the record's; each stage runs only on what the one before passed
        List<FieldError> bounds = InputBounds.check("data", data);
        if (!bounds.isEmpty()) {
            errors.addAll(bounds);
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        CanonicalNormaliser.normalise(data, region);
        List<FieldError> shape = prefixed(schemas.check(type, data));
        if (!shape.isEmpty()) {
            errors.addAll(shape);
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        CanonicalRecord record;
        try {
            record = mapper.treeToValue(data, type.recordClass());
        } catch (JsonProcessingException e) {
            errors.add(new FieldError("data", "cannot be read: " + IngestBody.readable(e.getOriginalMessage())));
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        errors.addAll(prefixed(validator.validate(record)));
        regionClaims(record, region, errors);
        String eventKey = sourceEventId != null ? sourceEventId : defaultSourceEventId(record);
        if (eventKey == null && errors.stream().noneMatch(e -> e.field().equals("sourceEventId"))) {
            errors.add(new FieldError("sourceEventId",
                    "is required when the record has no version or update time to tell its changes apart"));
        }
        if (!errors.isEmpty()) {
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        SourceRef source = record.primarySource();
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a canonical record always serialises", e);
        }
        Submission submission = new Submission(eventId(region, source.system(), eventKey), region, source.system(),
                eventKey, GlobalCustomerIds.of(record), traceId, Instant.now(clock), record, json);
        return ItemResult.accepted(index, text, submission);
    }

    /** A region speaks only for itself: every source reference and the owner region must be its own. */
    private static void regionClaims(CanonicalRecord record, String region, List<FieldError> errors) {
        if (record instanceof Customer customer) {
            for (int i = 0; i < customer.sourceRefs().size(); i++) {
                claim("data.sourceRefs[" + i + "].region", customer.sourceRefs().get(i), region, errors);
            }
            if (customer.ownerRegion() != null && !customer.ownerRegion().equals(region)) {
                errors.add(new FieldError("data.ownerRegion", "'" + InputLimits.shorten(customer.ownerRegion())
                        + "' is not the region of the ingest URL '" + region
                        + "': a region sends only customers it owns or knows as its own"));
            }
        } else {
            claim("data.sourceRef.region", record.primarySource(), region, errors);
        }
    }

    private static void claim(String at, SourceRef ref, String region, List<FieldError> errors) {
        if (ref != null && ref.region() != null && !ref.region().equals(region)) {
            errors.add(new FieldError(at, "'" + InputLimits.shorten(ref.region())
                    + "' does not match the region of the ingest URL '" + region + "'"));
        }
    }

    /** The hub's event id: the same for the same (region, source system, source event id), and only then. */
    static String eventId(String region, String system, String sourceEventId) {
        return UUID.nameUUIDFromBytes(Keys.of(region, system, sourceEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
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
