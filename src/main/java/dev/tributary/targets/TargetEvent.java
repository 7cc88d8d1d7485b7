package dev.tributary.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.EventEnvelope;
import dev.tributary.canonical.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * One event bound for a target, as the hub published it on {@code hub.customer.events}: the
 * CloudEvent JSON ({@code body}) and what routes it.
 *
 * @param collection {@code customers}, {@code orders}, {@code opportunities}, or one of the identity
 *                   stage's {@code customer-merges} ({@code data: {mergedId, survivorId}}) and
 *                   {@code customer-unmerges} ({@code data: {restoredId, fromId}})
 * @param externalId the id the target upserts by: the globalCustomerId for a customer, else
 *                   {@code region.system.sourceId} (for a merge, the merged id; for an unmerge,
 *                   the restored id)
 */
public record TargetEvent(String eventId, String collection, String externalId, String globalCustomerId,
        String region, byte[] body) {

    public static final String CUSTOMERS = "customers";
    public static final String ORDERS = "orders";
    public static final String OPPORTUNITIES = "opportunities";
    public static final String MERGES = "customer-merges";
    public static final String UNMERGES = "customer-unmerges";

    private static final Set<String> RECORDS = Set.of(CUSTOMERS, ORDERS, OPPORTUNITIES);

    /**
     * The event as dispatch would hand it over, read from its published JSON alone (for golden
     * cases and tests): the collection from {@code type}, the external id as the hub forms it.
     */
    public static TargetEvent of(byte[] body, ObjectMapper json) {
        try {
            JsonNode event = json.readTree(body);
            String type = event.path("type").asText();
            String customer = event.path("globalcustomerid").asText(null);
            String collection;
            String externalId;
            if (type.startsWith("dev.tributary.customer-merge.")) {
                collection = MERGES;
                externalId = event.path("subject").asText();
            } else if (type.startsWith("dev.tributary.customer-unmerge.")) {
                collection = UNMERGES;
                externalId = event.path("subject").asText();
            } else {
                collection = RecordType.fromEventType(type).collection();
                JsonNode source = event.path("data").path("sourceRef");
                externalId = collection.equals(CUSTOMERS) ? customer
                        : source.path("region").asText() + "." + source.path("system").asText() + "."
                                + source.path("sourceId").asText();
            }
            return new TargetEvent(event.path("id").asText(), collection, externalId, customer,
                    event.path("region").asText(null), body);
        } catch (IOException e) {
            throw new UncheckedIOException("not an event: " + e.getMessage(), e);
        }
    }

    /** Whether the event carries a canonical record (customer, order, opportunity). */
    public boolean carriesRecord() {
        return RECORDS.contains(collection);
    }

    /** The canonical record the event carries; only for {@link #carriesRecord()} events. */
    public CanonicalRecord record(ObjectMapper json) {
        if (!carriesRecord()) {
            throw new IllegalArgumentException("a " + collection + " event carries no canonical record");
        }
        try {
            return json.readValue(body, EventEnvelope.class).data();
        } catch (IOException e) {
            throw new UncheckedIOException("event " + eventId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The event's {@code data} as a JSON tree (for the identity stage's merge and unmerge events). */
    public JsonNode data(ObjectMapper json) {
        try {
            return json.readTree(body).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("event " + eventId + " cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "TargetEvent[" + eventId + " " + collection + "/" + externalId + "]";
    }
}
