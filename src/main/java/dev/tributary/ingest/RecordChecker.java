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
import dev.tributary.config.HubProperties;
import dev.tributary.identity.IdentityResolver;
import dev.tributary.identity.Keys;
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
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks one canonical record from any source, in the same order for all: bounds, normalisation
 * (repairs, with data-quality warnings), JSON shape, business rules, then whether the record
 * speaks only for the region it came from. Problems found earlier by the caller (an ingest item's
 * envelope, a file row's date) are listed with the record's own.
 */
@Component
class RecordChecker {

    private final ObjectMapper mapper;
    private final SchemaRegistry schemas;
    private final CanonicalValidator validator = new CanonicalValidator();
    private final Clock clock;
    /** Region id → its country (ISO alpha-2, or null), to read local phone numbers. */
    private final UnaryOperator<String> regionCountry;

    @Autowired
    RecordChecker(ObjectMapper mapper, SchemaRegistry schemas, HubProperties properties) {
        this(mapper, schemas, Clock.systemUTC(), region -> {
            HubProperties.Region known = properties.regions().get(region);
            return known == null ? null : known.country();
        });
    }

    RecordChecker(ObjectMapper mapper, SchemaRegistry schemas, Clock clock, UnaryOperator<String> regionCountry) {
        this.mapper = mapper;
        this.schemas = schemas;
        this.clock = clock;
        this.regionCountry = regionCountry;
    }

    /** Checks a record a source adapter mapped; field paths are paths in the canonical record. */
    ItemResult check(String region, int index, IncomingRecord r, String traceId) {
        List<FieldError> errors = new ArrayList<>(r.problems());
        if (r.type() == null) {
            errors.add(new FieldError("(record)", "the source did not say which kind of record this is"));
        }
        if (r.data() == null || !r.data().isObject() || r.type() == null) {
            if (errors.isEmpty()) {
                errors.add(new FieldError("(record)", "the source could not read this record"));
            }
            return ItemResult.rejected(index, r.type(), r.sourceEventId(), r.received(), r.data(), errors);
        }
        return check(region, index, r.type(), r.sourceEventId(), r.received(), r.data().deepCopy(), "", errors, traceId);
    }

    /**
     * Checks {@code data} of {@code type} received from {@code region}; {@code at} prefixes every
     * field path ({@code "data."} for an ingest item), {@code errors} holds the caller's findings.
     */
    ItemResult check(String region, int index, RecordType type, String sourceEventId, String text, JsonNode data,
            String at, List<FieldError> errors, String traceId) {
        List<FieldError> bounds = InputBounds.check(at.isEmpty() ? "" : at.substring(0, at.length() - 1), data);
        if (!bounds.isEmpty()) {
            errors.addAll(bounds);
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        // warnings name paths in the record, as the event that carries them holds the record in data
        List<FieldError> warnings = CanonicalNormaliser.normalise(data, region, regionCountry.apply(region));
        List<FieldError> shape = prefixed(at, schemas.check(type, data));
        if (!shape.isEmpty()) {
            errors.addAll(shape);
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        CanonicalRecord record;
        try {
            record = mapper.treeToValue(data, type.recordClass());
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(at.isEmpty() ? "(record)" : at.substring(0, at.length() - 1),
                    "cannot be read: " + IngestBody.readable(e.getOriginalMessage())));
            return ItemResult.rejected(index, type, sourceEventId, text, data, errors);
        }
        errors.addAll(prefixed(at, validator.validate(record)));
        regionClaims(record, region, at, errors);
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
                eventKey, Keys.of(region, source.system(), IdentityResolver.referenceId(record.customerRef())), traceId, Instant.now(clock), record, json, warnings);
        return ItemResult.accepted(index, text, submission);
    }

    /** A region speaks only for itself: every source reference and the owner region must be its own. */
    private static void regionClaims(CanonicalRecord record, String region, String at, List<FieldError> errors) {
        if (record instanceof Customer customer) {
            for (int i = 0; i < customer.sourceRefs().size(); i++) {
                claim(at + "sourceRefs[" + i + "].region", customer.sourceRefs().get(i), region, errors);
            }
            if (customer.ownerRegion() != null && !customer.ownerRegion().equals(region)) {
                errors.add(new FieldError(at + "ownerRegion", "'" + InputLimits.shorten(customer.ownerRegion())
                        + "' is not the region of the ingest URL '" + region
                        + "': a region sends only customers it owns or knows as its own"));
            }
        } else {
            claim(at + "sourceRef.region", record.primarySource(), region, errors);
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

    private static List<FieldError> prefixed(String at, List<FieldError> errors) {
        if (at.isEmpty()) {
            return errors;
        }
        List<FieldError> prefixed = new ArrayList<>(errors.size());
        errors.forEach(e -> prefixed.add(new FieldError(at + e.field(), e.message())));
        return prefixed;
    }
}
