package dev.tributary.adapter.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.adapter.salesforce.SalesforceMapping.SObjectRecord;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetAdapter;
import dev.tributary.targets.TargetAdapterFactory;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers a batch as sObject Collections upserts, one call per sObject (Accounts, Opportunities,
 * Orders, then the OrderItems of the Orders written), and classifies each record's answer; an
 * event is delivered when all its records are.
 */
class SalesforceAdapter implements TargetAdapter {

    private static final Logger log = LoggerFactory.getLogger(SalesforceAdapter.class);

    private static final Set<String> COLLECTIONS = Set.of(TargetEvent.CUSTOMERS, TargetEvent.OPPORTUNITIES,
            TargetEvent.ORDERS, TargetEvent.MERGES, TargetEvent.UNMERGES);

    /** Makes the adapter of a target configured with {@code adapter: salesforce}. */
    @Component
    static class Factory implements TargetAdapterFactory {

        @Override
        public String adapter() {
            return SalesforceMapping.ADAPTER;
        }

        @Override
        public TargetAdapter create(TargetContext context) {
            SalesforceSettings settings = context.settings(SalesforceSettings.class);
            context.require("client-id", settings.clientId(), "client-secret", settings.clientSecret());
            return new SalesforceAdapter(context, settings);
        }
    }

    private final TargetContext context;
    private final SalesforceSettings settings;
    private final SalesforceMapping mapping;
    private final SalesforceSession session;
    private final SalesforceErrors errors;

    SalesforceAdapter(TargetContext context, SalesforceSettings settings) {
        this.context = context;
        this.settings = settings;
        this.mapping = new SalesforceMapping(settings, context.json(), context.clock());
        String tokenUrl = SalesforceSettings.isSet(settings.tokenUrl()) ? settings.tokenUrl()
                : context.url("/services/oauth2/token");
        this.session = new SalesforceSession(context.http(), context.json(), context.clock(), tokenUrl,
                context.url(""), settings.clientId(), settings.clientSecret());
        this.errors = new SalesforceErrors(context.json());
    }

    @Override
    public int maxBatch() {
        return settings.maxBatch();
    }

    @Override
    public boolean takes(String collection) {
        return COLLECTIONS.contains(collection);
    }

    @Override
    public List<DeliveryOutcome> deliver(List<TargetEvent> events) {
        DeliveryOutcome[] unreadable = new DeliveryOutcome[events.size()];
        List<SObjectRecord> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                records.addAll(mapping.records(i, events.get(i)));
            } catch (RuntimeException e) {
                log.warn("event {} cannot be mapped to Salesforce: {}", events.get(i).eventId(), e.getClass().getSimpleName());
                unreadable[i] = DeliveryOutcome.permanent(null, "UNMAPPABLE_EVENT",
                        "the event cannot be mapped to Salesforce: " + TargetHttp.excerpt(e.getMessage(), 300));
            }
        }
        Map<SObjectRecord, DeliveryOutcome> outcomes = new IdentityHashMap<>();
        Map<String, Set<String>> existing = new HashMap<>();
        try {
            for (String sObject : SalesforceMapping.SOBJECTS) {
                if (sObject.equals(SalesforceMapping.ORDER)) {
                    lookUpOrders(records, existing, outcomes);
                }
                List<SObjectRecord> ofType = records.stream().filter(r -> r.sObject().equals(sObject))
                        // not the Orders whose lookup failed
                        .filter(r -> !outcomes.containsKey(r))
                        // an OrderItem only once its Order is written: else it would fail for want of it
                        .filter(r -> !r.item() || isDelivered(outcomes.get(orderOf(records, r))))
                        .toList();
                for (List<SObjectRecord> call : SalesforceMapping.calls(ofType)) {
                    List<DeliveryOutcome> answered = upsert(sObject, call, existing.getOrDefault(sObject, Set.of()));
                    for (int i = 0; i < call.size(); i++) {
                        outcomes.put(call.get(i), answered.get(i));
                    }
                }
            }
        } catch (DeliveryStopped stopped) {
            // no token, or no answer: the records not answered yet share that outcome, unsent
            records.forEach(r -> outcomes.putIfAbsent(r, stopped.outcome));
        }
        List<DeliveryOutcome> result = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            int event = i;
            result.add(unreadable[i] != null ? unreadable[i]
                    : outcome(records.stream().filter(r -> r.event() == event).toList(), outcomes));
        }
        return result;
    }

    /**
     * Finds which of the delivery's Orders exist, and which items of those, so that they are sent
     * without their create-only fields: one query for the Orders, one for the items of the Orders
     * found (more only for very long key lists). A query refused fails every Order of the delivery
     * with that outcome (their items are then not sent either); no answer stops the delivery.
     */
    private void lookUpOrders(List<SObjectRecord> records, Map<String, Set<String>> existing,
            Map<SObjectRecord, DeliveryOutcome> outcomes) throws DeliveryStopped {
        List<String> orders = SalesforceMapping.keys(records, SalesforceMapping.ORDER);
        if (orders.isEmpty()) {
            return;
        }
        String externalId = settings.externalIdField();
        try {
            Set<String> found = query(SalesforceMapping.ORDER, mapping.lookups(SalesforceMapping.ORDER, externalId, orders));
            existing.put(SalesforceMapping.ORDER, found);
            // an Order found may have items already; a new Order has none
            existing.put(SalesforceMapping.ORDER_ITEM, query(SalesforceMapping.ORDER_ITEM, mapping.lookups(
                    SalesforceMapping.ORDER_ITEM, SalesforceMapping.ORDER + "." + externalId,
                    orders.stream().filter(found::contains).toList())));
        } catch (QueryRefused refused) {
            records.stream().filter(r -> r.sObject().equals(SalesforceMapping.ORDER))
                    .forEach(r -> outcomes.put(r, refused.outcome));
        }
    }

    /** The external ids the query paths answer, following {@code nextRecordsUrl} while not {@code done}. */
    private Set<String> query(String sObject, List<String> paths) throws DeliveryStopped, QueryRefused {
        Set<String> keys = new HashSet<>();
        List<String> pending = new ArrayList<>(paths);
        while (!pending.isEmpty()) {
            TargetHttp.Response answer = exchange("GET", pending.remove(0), null, sObject + " query");
            if (answer.status() != 200) {
                DeliveryOutcome all = errors.call(sObject + " query", answer, context.clock().instant());
                log.warn("Salesforce {} query: HTTP {} {}", sObject, answer.status(), all.code());
                throw new QueryRefused(all);
            }
            JsonNode result = errors.read(answer);
            result.path("records").forEach(r -> keys.add(r.path(settings.externalIdField()).asText()));
            if (!result.path("done").asBoolean(true) && result.hasNonNull("nextRecordsUrl")) {
                pending.add(0, result.path("nextRecordsUrl").asText());
            }
        }
        return keys;
    }

    /** A lookup query was answered with an error: its outcome is that of the records it was for. */
    private static final class QueryRefused extends Exception {

        final transient DeliveryOutcome outcome;

        QueryRefused(DeliveryOutcome outcome) {
            super(outcome.describe(), null, false, false);
            this.outcome = outcome;
        }
    }

    private static SObjectRecord orderOf(List<SObjectRecord> records, SObjectRecord item) {
        return records.stream().filter(r -> r.event() == item.event() && !r.item()).findFirst().orElseThrow();
    }

    private static boolean isDelivered(DeliveryOutcome outcome) {
        return outcome != null && outcome.isDelivered();
    }

    /**
     * An event's outcome from its records': the first (Account, Opportunity or Order) decides
     * unless it was written; then the items, a permanent failure of one before a transient one.
     */
    private static DeliveryOutcome outcome(List<SObjectRecord> records, Map<SObjectRecord, DeliveryOutcome> outcomes) {
        DeliveryOutcome main = outcomes.get(records.get(0));
        if (main == null || !main.isDelivered()) {
            return Objects.requireNonNullElseGet(main, () -> DeliveryOutcome.retryLater(null, null, "not sent", null));
        }
        List<DeliveryOutcome> failed = records.stream().skip(1).map(outcomes::get)
                .filter(o -> o == null || !o.isDelivered())
                .map(o -> o == null ? DeliveryOutcome.retryLater(null, null, "not sent", null) : o).toList();
        if (failed.isEmpty()) {
            return main;
        }
        String reason = String.join("; ", failed.stream().map(DeliveryOutcome::reason).toList());
        DeliveryOutcome first = failed.stream().filter(DeliveryOutcome::isPermanent).findFirst().orElse(failed.get(0));
        if (first.isPermanent()) {
            return DeliveryOutcome.permanent(first.httpStatus(), first.code(), reason);
        }
        Duration retryAfter = failed.stream().map(DeliveryOutcome::retryAfter).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return DeliveryOutcome.retryLater(first.httpStatus(), first.code(), reason, retryAfter);
    }

    /**
     * One Collections upsert and the outcome of each of its records; with a new token once when
     * Salesforce calls the session expired. No answer stops the delivery.
     */
    private List<DeliveryOutcome> upsert(String sObject, List<SObjectRecord> call, Set<String> existing)
            throws DeliveryStopped {
        byte[] body;
        try {
            body = context.json().writeValueAsBytes(mapping.body(call, existing));
        } catch (IOException e) {
            throw new IllegalStateException("a Salesforce request cannot be written", e);
        }
        TargetHttp.Response answer = exchange("PATCH", mapping.path(sObject), body, sObject + " upsert");
        List<DeliveryOutcome> outcomes = new ArrayList<>(call.size());
        if (answer.status() != 200) {
            DeliveryOutcome all = errors.call(sObject + " upsert", answer, context.clock().instant());
            log.warn("Salesforce {} upsert of {} records: HTTP {} {}", sObject, call.size(), answer.status(), all.code());
            call.forEach(r -> outcomes.add(all));
            return outcomes;
        }
        JsonNode results = errors.read(answer);
        Duration retryAfter = answer.retryAfter(context.clock().instant());
        for (int i = 0; i < call.size(); i++) {
            DeliveryOutcome outcome = errors.record(call.get(i), results.path(i), retryAfter);
            if (!outcome.isDelivered()) {
                log.info("Salesforce {} {} not written: {}", sObject, call.get(i).key(), outcome.code());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * One call to the API at {@code path} under the instance URL, with a new token once when
     * Salesforce calls the session expired. No answer stops the delivery.
     */
    private TargetHttp.Response exchange(String method, String path, byte[] body, String operation)
            throws DeliveryStopped {
        SalesforceSession.Token token = session.token();
        try {
            TargetHttp.Response answer = send(token, method, path, body);
            if (errors.sessionExpired(answer)) {
                log.info("Salesforce session expired ({}): fetching a new token", operation);
                answer = send(session.renew(token), method, path, body);
            }
            return answer;
        } catch (IOException e) {
            // the next calls would most likely wait as long for nothing: they are not sent
            log.warn("Salesforce did not answer the {}: {}", operation, e.getClass().getSimpleName());
            throw new DeliveryStopped(TargetHttp.noAnswer(e));
        }
    }

    private TargetHttp.Response send(SalesforceSession.Token token, String method, String path, byte[] body)
            throws IOException {
        String instance = token.instanceUrl().endsWith("/")
                ? token.instanceUrl().substring(0, token.instanceUrl().length() - 1) : token.instanceUrl();
        Map<String, String> headers = body == null
                ? Map.of("Authorization", "Bearer " + token.accessToken(), "Accept", "application/json")
                : Map.of("Authorization", "Bearer " + token.accessToken(), "Content-Type", "application/json",
                        "Accept", "application/json");
        return context.http().send(method, instance + path, headers, body);
    }
}
