package dev.tributary.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.broker.HubHeaders;
import dev.tributary.broker.ListenerSessionSender;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.EventEnvelope;
import dev.tributary.canonical.RecordType;
import dev.tributary.identity.GlobalCustomerIds;
import dev.tributary.rejects.Rejection;
import dev.tributary.rejects.RejectionStore;
import dev.tributary.validation.CanonicalValidator;
import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Turns one queued inbound event into the canonical event published to HQ, or into a stored
 * rejection (the exchange property {@link #REJECTED} is then true and nothing is published).
 */
@Component("inboundProcessor")
public class InboundProcessor {

    /** Exchange property set when the event was rejected instead of published. */
    public static final String REJECTED = "tributaryRejected";

    private static final byte[] DATA_FIELD = ",\"data\":".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;
    private final RejectionStore rejections;
    private final CanonicalValidator validator = new CanonicalValidator();

    InboundProcessor(ObjectMapper mapper, RejectionStore rejections) {
        this.mapper = mapper;
        this.rejections = rejections;
    }

    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        Map<String, Object> headers = in.getHeaders();
        String region = in.getHeader(HubHeaders.REGION, String.class);
        byte[] body = ListenerSessionSender.utf8(in.getBody());
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
                    new String(body, StandardCharsets.UTF_8), Instant.now()));
            exchange.setProperty(REJECTED, true);
            return;
        }
        String globalCustomerId = GlobalCustomerIds.of(record);
        if (record instanceof Customer customer) {
            record = customer.withGlobalCustomerId(globalCustomerId);
        }
        String system = record.primarySource().system();
        String subject = ExternalIds.of(record, globalCustomerId);
        Long receivedAt = in.getHeader(HubHeaders.RECEIVED_AT, Long.class);
        // The envelope is written without its data, and the record's JSON as queued (already
        // normalised by ingest) is spliced in, so the record is not serialised a second time;
        // a customer carries the stamped id, so it is written anew.
        EventEnvelope envelope = new EventEnvelope(
                in.getHeader(HubHeaders.EVENT_ID, String.class),
                "/tributary/" + region + "/" + system,
                type.eventType(),
                subject,
                receivedAt == null ? Instant.now() : Instant.ofEpochMilli(receivedAt),
                EventEnvelope.SPEC_VERSION,
                EventEnvelope.CONTENT_TYPE,
                region,
                system,
                globalCustomerId,
                in.getHeader(HubHeaders.TRACE_ID, String.class),
                EventEnvelope.SCHEMA_VERSION,
                in.getHeader(HubHeaders.WARNINGS, String.class),
                null);
        byte[] json = splice(mapper.writeValueAsBytes(envelope),
                record instanceof Customer ? mapper.writeValueAsBytes(record) : body);
        Object eventId = headers.get(HubHeaders.EVENT_ID);
        Object traceId = headers.get(HubHeaders.TRACE_ID);
        Object warnings = headers.get(HubHeaders.WARNINGS);
        headers.clear();
        if (warnings != null) {
            in.setHeader(HubHeaders.WARNINGS, warnings);
        }
        in.setHeader(HubHeaders.EVENT_ID, eventId);
        in.setHeader(HubHeaders.TRACE_ID, traceId);
        in.setHeader(HubHeaders.RECORD_TYPE, type.wireName());
        in.setHeader(HubHeaders.REGION, region);
        in.setHeader(HubHeaders.SOURCE_SYSTEM, system);
        in.setHeader(HubHeaders.GLOBAL_CUSTOMER_ID, globalCustomerId);
        in.setHeader(HubHeaders.EXTERNAL_ID, subject);
        in.setHeader(HubHeaders.RECEIVED_AT, receivedAt);
        in.setHeader(HubHeaders.GROUP_ID, globalCustomerId);
        in.setBody(json);
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
