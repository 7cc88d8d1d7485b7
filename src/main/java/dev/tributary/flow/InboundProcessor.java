package dev.tributary.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.broker.HubHeaders;
import dev.tributary.broker.ListenerSessionSender;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.EventEnvelope;
import dev.tributary.canonical.RecordType;
import dev.tributary.identity.IdentityCommands;
import dev.tributary.identity.IdentityResolver;
import dev.tributary.rejects.Rejection;
import dev.tributary.rejects.RejectionStore;
import dev.tributary.validation.CanonicalValidator;
import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Turns one queued inbound event into the canonical events published to HQ, or into a stored
 * rejection (the exchange property {@link #REJECTED} is then true and nothing is published). The
 * identity stage gives the record its customer; a customer event carries that customer's golden
 * record; merges, unmerges and tier changes it caused follow as events of their own
 * ({@link #ALSO}), as do the events of a steward's or operator's identity command.
 */
@Component("inboundProcessor")
public class InboundProcessor {

    /** Exchange property set when the event was rejected instead of published. */
    public static final String REJECTED = "tributaryRejected";

    /** Exchange property: further events to publish after this one ({@link Outbound}). */
    public static final String ALSO = "tributaryAlso";

    /** Exchange property set when only the further events are published (an identity command). */
    public static final String ONLY_ALSO = "tributaryOnlyAlso";

    /** An event ready to publish: its JSON and its message properties. */
    public record Outbound(byte[] body, Map<String, Object> properties) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

    private static final byte[] DATA_FIELD = ",\"data\":".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;
    private final RejectionStore rejections;
    private final IdentityResolver identity;
    private final IdentityCommands commands;
    private final CanonicalValidator validator = new CanonicalValidator();

    InboundProcessor(ObjectMapper mapper, RejectionStore rejections, IdentityResolver identity,
            IdentityCommands commands) {
        this.mapper = mapper;
        this.rejections = rejections;
        this.identity = identity;
        this.commands = commands;
    }

    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        Map<String, Object> headers = in.getHeaders();
        String region = in.getHeader(HubHeaders.REGION, String.class);
        byte[] body = ListenerSessionSender.utf8(in.getBody());
        String eventId = in.getHeader(HubHeaders.EVENT_ID, String.class);
        String traceId = in.getHeader(HubHeaders.TRACE_ID, String.class);
        Long receivedAt = in.getHeader(HubHeaders.RECEIVED_AT, Long.class);
        Instant time = receivedAt == null ? Instant.now() : Instant.ofEpochMilli(receivedAt);
        if (IdentityCommands.RECORD_TYPE.equals(in.getHeader(HubHeaders.RECORD_TYPE, String.class))) {
            List<Outbound> also = new ArrayList<>();
            for (IdentityResolver.Outgoing outgoing : commands.apply(body, eventId)) {
                also.add(outbound(outgoing, eventId, null, traceId, time, receivedAt));
            }
            exchange.setProperty(ALSO, also);
            exchange.setProperty(ONLY_ALSO, true);
            return;
        }
        RecordType type = RecordType.fromWireName(in.getHeader(HubHeaders.RECORD_TYPE, String.class));
        CanonicalRecord record = null;
        List<FieldError> errors;
        if (type == null) {
            errors = List.of(new FieldError("type", "the queued event has no known record type"));
        } else {
            try {
                record = mapper.readValue(body, type.recordClass());
                errors = validator.validate(record);
            } catch (JsonProcessingException e) {
                errors = List.of(new FieldError("data", "cannot be read: " + e.getOriginalMessage()));
            }
        }
        if (!errors.isEmpty()) {
            rejections.save(new Rejection(null, region, Rejection.PROCESSING, type == null ? null : type.wireName(),
                    in.getHeader(HubHeaders.SOURCE_SYSTEM, String.class),
                    record == null || record.primarySource() == null ? null : record.primarySource().sourceId(),
                    in.getHeader(HubHeaders.SOURCE_EVENT_ID, String.class), errors,
                    new String(body, StandardCharsets.UTF_8), time));
            exchange.setProperty(REJECTED, true);
            return;
        }
        IdentityResolver.Resolution resolution;
        try {
            resolution = identity.resolve(record, eventId);
        } catch (TransientDataAccessException | DataAccessResourceFailureException | RecoverableDataAccessException e) {
            throw e; // the database is away or busy: rolled back, the broker delivers the event again
        } catch (RuntimeException e) {
            // a record the identity stage cannot place would otherwise come back until it is dead-lettered
            // unseen: it is rejected where its region looks, and the cause logged for the operators
            LOG.error("the identity stage could not place event {}; it is stored as rejected", eventId, e);
            rejections.save(new Rejection(null, region, Rejection.PROCESSING, type.wireName(),
                    in.getHeader(HubHeaders.SOURCE_SYSTEM, String.class), record.primarySource().sourceId(),
                    in.getHeader(HubHeaders.SOURCE_EVENT_ID, String.class), List.of(new FieldError("(record)",
                            "the hub could not place this record with its customer (an internal error, logged for"
                                    + " the hub's operators under event " + eventId + "); send it again once they"
                                    + " have fixed it")), new String(body, StandardCharsets.UTF_8), time));
            exchange.setProperty(REJECTED, true);
            return;
        }
        String globalCustomerId = resolution.globalCustomerId();
        String system = record.primarySource().system();
        if (record instanceof Customer) {
            record = resolution.golden();
        }
        String subject = ExternalIds.of(record, globalCustomerId);
        // The envelope is written without its data, and the record's JSON as queued (already
        // normalised by ingest) is spliced in, so the record is not serialised a second time; a
        // customer carries its golden record, so it is written anew.
        EventEnvelope envelope = new EventEnvelope(eventId, "/tributary/" + region + "/" + system, type.eventType(),
                subject, time, EventEnvelope.SPEC_VERSION, EventEnvelope.CONTENT_TYPE, region, system,
                globalCustomerId, traceId, EventEnvelope.SCHEMA_VERSION, in.getHeader(HubHeaders.WARNINGS, String.class),
                null);
        byte[] json = splice(mapper.writeValueAsBytes(envelope),
                record instanceof Customer ? mapper.writeValueAsBytes(record) : body);
        List<Outbound> also = new ArrayList<>();
        for (IdentityResolver.Outgoing outgoing : resolution.also()) {
            boolean sameAsThis = type == RecordType.CUSTOMER && outgoing.kind() == IdentityResolver.Outgoing.Kind.CUSTOMER
                    && outgoing.customerId().equals(globalCustomerId);
            if (!sameAsThis) {
                also.add(outbound(outgoing, eventId, region, traceId, time, receivedAt));
            }
        }
        exchange.setProperty(ALSO, also);
        Object warnings = headers.get(HubHeaders.WARNINGS);
        headers.clear();
        if (warnings != null) {
            in.setHeader(HubHeaders.WARNINGS, warnings);
        }
        in.setHeader(HubHeaders.EVENT_ID, eventId);
        in.setHeader(HubHeaders.TRACE_ID, traceId);
        in.setHeader(HubHeaders.RECORD_TYPE, type.wireName());
        in.setHeader(HubHeaders.COLLECTION, type.collection());
        in.setHeader(HubHeaders.REGION, region);
        in.setHeader(HubHeaders.SOURCE_SYSTEM, system);
        in.setHeader(HubHeaders.GLOBAL_CUSTOMER_ID, globalCustomerId);
        in.setHeader(HubHeaders.EXTERNAL_ID, subject);
        in.setHeader(HubHeaders.RECEIVED_AT, receivedAt);
        in.setHeader(HubHeaders.GROUP_ID, globalCustomerId);
        in.setBody(json);
    }

    /**
     * An event the identity stage added: a golden customer record ({@code customers/{id}}), a merge
     * ({@code customer-merges/{mergedId}}) or an unmerge ({@code customer-unmerges/{restoredId}}).
     * Its id derives from the event that caused it, so a redelivery sends the same ids again.
     */
    private Outbound outbound(IdentityResolver.Outgoing outgoing, String causeId, String region, String traceId,
            Instant time, Long receivedAt) throws JsonProcessingException {
        String kind;
        String collection;
        String subject;
        byte[] data;
        switch (outgoing.kind()) {
            case CUSTOMER -> {
                kind = "customer";
                collection = RecordType.CUSTOMER.collection();
                subject = outgoing.customerId();
                data = mapper.writeValueAsBytes(outgoing.golden());
            }
            case MERGE -> {
                kind = "customer-merge";
                collection = "customer-merges";
                subject = outgoing.otherId();
                data = mapper.writeValueAsBytes(Map.of("mergedId", outgoing.otherId(), "survivorId",
                        outgoing.customerId()));
            }
            default -> {
                kind = "customer-unmerge";
                collection = "customer-unmerges";
                subject = outgoing.otherId();
                data = mapper.writeValueAsBytes(Map.of("restoredId", outgoing.otherId(), "fromId",
                        outgoing.customerId()));
            }
        }
        String eventId = causeId + "/" + kind + "/" + subject
                + (outgoing.golden() == null ? "" : "/v" + outgoing.golden().version());
        String eventRegion = region != null ? region
                : outgoing.golden() != null && outgoing.golden().ownerRegion() != null ? outgoing.golden().ownerRegion()
                : "hq";
        EventEnvelope envelope = new EventEnvelope(eventId, "/tributary/identity", "dev.tributary." + kind + ".v1",
                subject, time, EventEnvelope.SPEC_VERSION, EventEnvelope.CONTENT_TYPE, eventRegion, "tributary",
                outgoing.customerId(), traceId, EventEnvelope.SCHEMA_VERSION, null, null);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(HubHeaders.EVENT_ID, eventId);
        properties.put(HubHeaders.TRACE_ID, traceId);
        properties.put(HubHeaders.RECORD_TYPE, kind);
        properties.put(HubHeaders.COLLECTION, collection);
        properties.put(HubHeaders.REGION, eventRegion);
        properties.put(HubHeaders.SOURCE_SYSTEM, "tributary");
        properties.put(HubHeaders.GLOBAL_CUSTOMER_ID, outgoing.customerId());
        properties.put(HubHeaders.EXTERNAL_ID, subject);
        properties.put(HubHeaders.RECEIVED_AT, receivedAt);
        properties.put(HubHeaders.GROUP_ID, outgoing.customerId());
        properties.values().removeIf(v -> v == null);
        return new Outbound(splice(mapper.writeValueAsBytes(envelope), data), properties);
    }

    /** {@code {...envelope}} + {@code data} -> {@code {...envelope,"data":data}}, as UTF-8 bytes. */
    private static byte[] splice(byte[] head, byte[] data) {
        byte[] json = new byte[head.length - 1 + DATA_FIELD.length + data.length + 1];
        System.arraycopy(head, 0, json, 0, head.length - 1);
        System.arraycopy(DATA_FIELD, 0, json, head.length - 1, DATA_FIELD.length);
        System.arraycopy(data, 0, json, head.length - 1 + DATA_FIELD.length, data.length);
        json[json.length - 1] = '}';
        return json;
    }
}
