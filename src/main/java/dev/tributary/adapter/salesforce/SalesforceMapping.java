package dev.tributary.adapter.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.OpportunityStage;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import dev.tributary.json.HubJson;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical events → Salesforce sObject Collections upserts by external id: a customer, merge or
 * unmerge is an Account, an opportunity an Opportunity, an order an Order and one OrderItem per
 * line. Plain code rather than MapStruct: the field names of the external ids are settings, and
 * each record is a small JSON tree with nested external-id references.
 */
public class SalesforceMapping implements TargetMapping {

    static final String ADAPTER = "salesforce";
    static final String ACCOUNT = "Account";
    static final String OPPORTUNITY = "Opportunity";
    static final String ORDER = "Order";
    static final String ORDER_ITEM = "OrderItem";

    /** The order of the calls of one delivery: what a record references is written before it. */
    static final List<String> SOBJECTS = List.of(ACCOUNT, OPPORTUNITY, ORDER, ORDER_ITEM);

    /**
     * Fields not sent to a record that exists already. OrderItem's {@code OrderId} and
     * {@code PricebookEntryId} are create-only (Salesforce answers
     * {@code INVALID_FIELD_FOR_INSERT_UPDATE}); an Order's {@code AccountId} can be changed only
     * while it is Draft, its {@code Status} must not be set back to Draft once HQ activated it, and
     * its price book is set before items are added.
     */
    static final Map<String, Set<String>> CREATE_ONLY = Map.of(
            ORDER, Set.of(ACCOUNT, "Status", "Pricebook2Id"),
            ORDER_ITEM, Set.of(ORDER, "PricebookEntry"));

    /**
     * The longest query path sent: Salesforce refuses a URI over 16,384 bytes (414) and a SOQL
     * statement over 100,000 characters; longer lookups are split into several queries.
     */
    static final int MAX_QUERY_PATH = 16_000;

    /**
     * One record bound for Salesforce.
     *
     * @param event the index of its event in the delivery
     * @param key   its external id
     * @param item  whether it is an OrderItem, sent only when its event's Order was written
     */
    record SObjectRecord(int event, String sObject, String key, ObjectNode fields, boolean item) {

        /** {@code Account GC-…}, as a reason names the record. */
        String label() {
            return sObject + " " + key;
        }

        /** The fields to send: all of them to create the record, without the create-only ones to update it. */
        ObjectNode fields(boolean exists) {
            Set<String> createOnly = CREATE_ONLY.getOrDefault(sObject, Set.of());
            if (!exists || createOnly.isEmpty()) {
                return fields;
            }
            ObjectNode update = fields.deepCopy();
            update.remove(createOnly);
            return update;
        }
    }

    private final SalesforceSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    /** The mapping with default settings, as the golden cases run it. */
    public SalesforceMapping() {
        this(SalesforceSettings.defaults(), HubJson.create(), Clock.systemUTC());
    }

    SalesforceMapping(SalesforceSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public List<JsonNode> requests(List<TargetEvent> events) {
        List<SObjectRecord> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.addAll(records(i, events.get(i)));
        }
        List<JsonNode> requests = new ArrayList<>();
        for (String sObject : SOBJECTS) {
            if (sObject.equals(ORDER)) {
                // which Orders exist (none on a first delivery, so no query for their items either)
                for (String path : lookups(ORDER, settings.externalIdField(), keys(records, ORDER))) {
                    requests.add(json.createObjectNode().put("method", "GET").put("path", path));
                }
            }
            for (List<SObjectRecord> call : calls(records.stream().filter(r -> r.sObject().equals(sObject)).toList())) {
                ObjectNode request = json.createObjectNode().put("method", "PATCH").put("path", path(sObject));
                request.set("body", body(call, Set.of()));
                requests.add(request);
            }
        }
        return requests;
    }

    /** The path of the Collections upsert of {@code sObject} under the instance URL. */
    String path(String sObject) {
        return "/services/data/" + settings.apiVersion() + "/composite/sobjects/" + sObject + "/"
                + settings.externalIdField();
    }

    /**
     * The body of one Collections upsert: every record written or failed on its own; the records
     * whose keys are in {@code existing} without their create-only fields.
     */
    ObjectNode body(List<SObjectRecord> call, Set<String> existing) {
        ObjectNode body = json.createObjectNode().put("allOrNone", false);
        call.forEach(r -> body.withArray("records").add(r.fields(existing.contains(r.key()))));
        return body;
    }

    /** The distinct keys of the records of {@code sObject}, in their order. */
    static List<String> keys(Collection<SObjectRecord> records, String sObject) {
        Set<String> keys = new LinkedHashSet<>();
        records.stream().filter(r -> r.sObject().equals(sObject)).forEach(r -> keys.add(r.key()));
        return List.copyOf(keys);
    }

    /**
     * The query paths (under the instance URL) that list the external ids of the {@code sObject}
     * records whose {@code filterField} is one of {@code values}:
     * {@code SELECT Tributary_Id__c FROM Order WHERE Tributary_Id__c IN ('…', …)}, or for the items
     * of some Orders {@code … FROM OrderItem WHERE Order.Tributary_Id__c IN (…)}; as many queries as
     * {@link #MAX_QUERY_PATH} needs, none for no values.
     */
    List<String> lookups(String sObject, String filterField, List<String> values) {
        String prefix = "/services/data/" + settings.apiVersion() + "/query?q=";
        String select = "SELECT " + settings.externalIdField() + " FROM " + sObject + " WHERE " + filterField + " IN (";
        List<String> paths = new ArrayList<>();
        StringBuilder in = new StringBuilder();
        for (String value : values) {
            String literal = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
            String longer = in.isEmpty() ? literal : in + "," + literal;
            if (!in.isEmpty() && (prefix + encode(select + longer + ")")).length() > MAX_QUERY_PATH) {
                paths.add(prefix + encode(select + in + ")"));
                in.setLength(0);
                in.append(literal);
            } else {
                in.setLength(0);
                in.append(longer);
            }
        }
        if (!in.isEmpty()) {
            paths.add(prefix + encode(select + in + ")"));
        }
        return paths;
    }

    private static String encode(String soql) {
        return URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }

    /**
     * The calls that send {@code records} (all of one sObject): at most 200 records each, and no
     * external id twice in one call (Salesforce refuses a Collections upsert naming one twice).
     */
    static List<List<SObjectRecord>> calls(List<SObjectRecord> records) {
        List<List<SObjectRecord>> calls = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (SObjectRecord record : records) {
            int call = 0;
            while (call < calls.size() && (calls.get(call).size() >= SalesforceSettings.MAX_RECORDS_PER_CALL
                    || keys.get(call).contains(record.key()))) {
                call++;
            }
            if (call == calls.size()) {
                calls.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            calls.get(call).add(record);
            keys.get(call).add(record.key());
        }
        return calls;
    }

    /** The records of one event: its Account, Opportunity, or Order followed by its OrderItems. */
    List<SObjectRecord> records(int index, TargetEvent event) {
        return switch (event.collection()) {
            case TargetEvent.MERGES -> List.of(merged(index, event));
            case TargetEvent.UNMERGES -> List.of(restored(index, event));
            default -> {
                CanonicalRecord record = event.record(json);
                if (record instanceof Customer customer) {
                    yield List.of(account(index, event, customer));
                } else if (record instanceof Opportunity opportunity) {
                    yield List.of(opportunity(index, event, opportunity));
                } else if (record instanceof Order order) {
                    yield order(index, event, order);
                }
                throw new IllegalArgumentException("no Salesforce object for a " + event.collection() + " event");
            }
        };
    }

    private SObjectRecord account(int index, TargetEvent event, Customer customer) {
        ObjectNode account = record(ACCOUNT, event.externalId());
        put(account, "Name", customer.legalName());
        put(account, "AccountNumber", customer.unifiedSocialCreditCode() != null
                ? customer.unifiedSocialCreditCode() : customer.taxId());
        put(account, "Phone", phone(customer.contacts()));
        put(account, "Industry", customer.industry());
        put(account, "BillingStreet", customer.address());
        put(account, "BillingCity", customer.city());
        put(account, "BillingState", customer.province());
        put(account, "BillingCountry", customer.country());
        if (SalesforceSettings.isSet(settings.tierField()) && customer.tier() != null) {
            account.put(settings.tierField(), customer.tier().name());
        }
        return new SObjectRecord(index, ACCOUNT, event.externalId(), account, false);
    }

    /** The merged Account points at its survivor (Salesforce's own merge is a SOAP call only). */
    private SObjectRecord merged(int index, TargetEvent event) {
        ObjectNode account = record(ACCOUNT, event.externalId());
        account.put(settings.mergedIntoField(), event.data(json).path("survivorId").asText());
        return new SObjectRecord(index, ACCOUNT, event.externalId(), account, false);
    }

    /** The restored Account no longer points anywhere: null clears a field in Salesforce. */
    private SObjectRecord restored(int index, TargetEvent event) {
        ObjectNode account = record(ACCOUNT, event.externalId());
        account.putNull(settings.mergedIntoField());
        return new SObjectRecord(index, ACCOUNT, event.externalId(), account, false);
    }

    private SObjectRecord opportunity(int index, TargetEvent event, Opportunity opportunity) {
        ObjectNode record = record(OPPORTUNITY, event.externalId());
        put(record, "Name", opportunity.name());
        put(record, "StageName", stage(opportunity.stage()));
        LocalDate closeDate = opportunity.expectedCloseDate() != null ? opportunity.expectedCloseDate() : eventDay(event);
        record.put("CloseDate", closeDate.toString());
        put(record, "Amount", opportunity.amount());
        if (opportunity.probability() != null) {
            record.put("Probability", opportunity.probability());
        }
        currency(record, opportunity.currency());
        record.set(ACCOUNT, reference(settings.externalIdField(), event.globalCustomerId()));
        return new SObjectRecord(index, OPPORTUNITY, event.externalId(), record, false);
    }

    private List<SObjectRecord> order(int index, TargetEvent event, Order order) {
        List<SObjectRecord> records = new ArrayList<>();
        ObjectNode record = record(ORDER, event.externalId());
        record.set(ACCOUNT, reference(settings.externalIdField(), event.globalCustomerId()));
        put(record, "EffectiveDate", order.orderDate() == null ? null : order.orderDate().toString());
        put(record, "Status", settings.orderStatus());
        put(record, "PoNumber", order.orderNumber());
        currency(record, order.currency());
        if (SalesforceSettings.isSet(settings.pricebookId())) {
            record.put("Pricebook2Id", settings.pricebookId());
        }
        records.add(new SObjectRecord(index, ORDER, event.externalId(), record, false));
        for (OrderLine line : order.lines()) {
            String key = event.externalId() + "#" + line.lineNo();
            ObjectNode item = record(ORDER_ITEM, key);
            item.set(ORDER, reference(settings.externalIdField(), event.externalId()));
            item.set("PricebookEntry", reference(settings.pricebookEntryExternalIdField(), line.sku()));
            put(item, "Quantity", line.quantity());
            put(item, "UnitPrice", unitPrice(line));
            put(item, "Description", line.description());
            records.add(new SObjectRecord(index, ORDER_ITEM, key, item, true));
        }
        return records;
    }

    /**
     * The price per unit after the line's discount: an OrderItem has no discount field, so the
     * order's total in Salesforce matches the hub's only with the net price.
     */
    private static BigDecimal unitPrice(OrderLine line) {
        boolean discounted = line.discount() != null && line.discount().signum() != 0;
        if (!discounted || line.lineTotal() == null || line.quantity() == null || line.quantity().signum() == 0) {
            return line.unitPrice();
        }
        return line.lineTotal().divide(line.quantity(), 2, RoundingMode.HALF_UP);
    }

    static String stage(OpportunityStage stage) {
        if (stage == null) {
            return null;
        }
        return switch (stage) {
            case PROSPECTING -> "Prospecting";
            case QUALIFICATION -> "Qualification";
            case PROPOSAL -> "Proposal/Price Quote";
            case NEGOTIATION -> "Negotiation/Review";
            case CLOSED_WON -> "Closed Won";
            case CLOSED_LOST -> "Closed Lost";
        };
    }

    /** The first contact's phone that is known, with its extension as {@code x12}. */
    private static String phone(List<Contact> contacts) {
        return contacts.stream().filter(c -> c.phone() != null && !c.phone().isBlank()).findFirst()
                .map(c -> c.phoneExtension() == null || c.phoneExtension().isBlank() ? c.phone()
                        : c.phone() + " x" + c.phoneExtension())
                .orElse(null);
    }

    /** CloseDate is required: without an expected date, the day the hub published the event (UTC). */
    private LocalDate eventDay(TargetEvent event) {
        try {
            String time = json.readTree(event.body()).path("time").asText(null);
            Instant at = time == null ? clock.instant() : Instant.parse(time);
            return LocalDate.ofInstant(at, ZoneOffset.UTC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void currency(ObjectNode record, String currency) {
        if (settings.currencyIsoCode()) {
            put(record, "CurrencyIsoCode", currency);
        }
    }

    private ObjectNode record(String sObject, String key) {
        ObjectNode record = json.createObjectNode();
        record.putObject("attributes").put("type", sObject);
        record.put(settings.externalIdField(), key);
        return record;
    }

    private ObjectNode reference(String field, String value) {
        return json.createObjectNode().put(field, value);
    }

    /** Absent values are not sent: Salesforce keeps what HQ users filled in. */
    private static void put(ObjectNode record, String field, String value) {
        if (value != null && !value.isBlank()) {
            record.put(field, value);
        }
    }

    private static void put(ObjectNode record, String field, BigDecimal value) {
        if (value != null) {
            record.put(field, value);
        }
    }
}
