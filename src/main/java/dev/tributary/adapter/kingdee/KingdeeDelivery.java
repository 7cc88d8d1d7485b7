package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.adapter.kingdee.KingdeeModels.Unmappable;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderStatus;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one batch, whatever carries the calls (HTTP for the adapter, a recorder for the
 * golden cases): customers as one query and one (Batch)Save, orders likewise, merges and unmerges
 * as a query and one operation each. Every write is preceded by a query by number, so that a
 * redelivery updates the record it created.
 */
final class KingdeeDelivery {

    /** Carries one call; each call is signed afresh. */
    interface Transport {
        KingdeeAnswer call(KingdeeRequest request) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(KingdeeDelivery.class);

    static final String CUSTOMER_KEYS = "FCUSTID,FNumber";
    static final String CUSTOMER_STATUS_KEYS = "FCUSTID,FNumber,FForbidStatus";
    static final String ORDER_KEYS = "FID,FBillNo,FCancelStatus";
    static final String FORBID = "Forbid";
    static final String ENABLE = "Enable";
    static final String CANCEL = "Cancel";

    private final KingdeeSettings settings;
    private final ObjectMapper json;
    private final KingdeeModels models;

    KingdeeDelivery(KingdeeSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.models = new KingdeeModels(settings, json);
    }

    List<DeliveryOutcome> deliver(List<TargetEvent> events, Transport transport) {
        DeliveryOutcome[] out = new DeliveryOutcome[events.size()];
        List<Integer> customers = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        List<Integer> switches = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            switch (events.get(i).collection()) {
                case TargetEvent.CUSTOMERS -> customers.add(i);
                case TargetEvent.ORDERS -> orders.add(i);
                case TargetEvent.MERGES, TargetEvent.UNMERGES -> switches.add(i);
                // an ERP keeps no opportunities: takes() declines them, so dispatch never hands one over
                default -> out[i] = DeliveryOutcome.delivered();
            }
        }
        if (!customers.isEmpty()) {
            customers(events, customers, out, transport);
        }
        if (!orders.isEmpty()) {
            orders(events, orders, out, transport);
        }
        if (!switches.isEmpty()) {
            switches(events, switches, out, transport);
        }
        return Arrays.asList(out);
    }

    private void customers(List<TargetEvent> events, List<Integer> indexes, DeliveryOutcome[] out, Transport transport) {
        Map<Integer, ObjectNode> models = new LinkedHashMap<>();
        for (int i : indexes) {
            TargetEvent event = events.get(i);
            try {
                Customer customer = (Customer) event.record(json);
                String id = event.globalCustomerId() != null ? event.globalCustomerId() : customer.globalCustomerId();
                models.put(i, this.models.customer(customer, id));
            } catch (Unmappable | UncheckedIOException | ClassCastException e) {
                out[i] = unmappable(event, e);
            }
        }
        Map<String, JsonNode> found = lookup(KingdeeModels.CUSTOMER_FORM, CUSTOMER_KEYS, "FNumber",
                numbers(models, "FNumber"), models.keySet(), out, transport);
        if (found == null) {
            return;
        }
        models.values().forEach(m -> m.put(KingdeeModels.CUSTOMER_ID, id(found.get(m.path("FNumber").asText()))));
        // IsDeleteEntry false: the hub sends no entries, and true would delete the contacts, banks and
        // addresses HQ users keep on the customer
        save(KingdeeModels.CUSTOMER_FORM, KingdeeModels.CUSTOMER_ID, false, models, out, transport);
    }

    private void orders(List<TargetEvent> events, List<Integer> indexes, DeliveryOutcome[] out, Transport transport) {
        Map<Integer, ObjectNode> models = new LinkedHashMap<>();
        Map<Integer, String> cancelled = new LinkedHashMap<>();
        for (int i : indexes) {
            TargetEvent event = events.get(i);
            try {
                Order order = (Order) event.record(json);
                if (order.status() == OrderStatus.CANCELLED) {
                    cancelled.put(i, event.externalId());
                } else {
                    models.put(i, this.models.order(order, event.externalId(), event.globalCustomerId()));
                }
            } catch (Unmappable | UncheckedIOException | ClassCastException e) {
                out[i] = unmappable(event, e);
            }
        }
        Map<Integer, String> billNos = new LinkedHashMap<>(numbers(models, "FBillNo"));
        billNos.putAll(cancelled);
        Map<String, JsonNode> found = lookup(KingdeeModels.ORDER_FORM, ORDER_KEYS, "FBillNo", billNos, billNos.keySet(),
                out, transport);
        if (found == null) {
            return;
        }
        models.values().forEach(m -> m.put(KingdeeModels.ORDER_ID, id(found.get(m.path("FBillNo").asText()))));
        // IsDeleteEntry true: the hub's lines replace the bill's lines on an update (all sent with FEntryID 0)
        save(KingdeeModels.ORDER_FORM, KingdeeModels.ORDER_ID, true, models, out, transport);
        cancelled.forEach((i, billNo) -> {
            JsonNode row = found.get(billNo);
            if (row == null || KingdeeModels.CANCELLED.equals(row.path(2).asText())) {
                // never sent to the ERP, or cancelled there already: nothing to cancel
                out[i] = DeliveryOutcome.delivered();
            } else {
                out[i] = operation(KingdeeModels.ORDER_FORM, CANCEL, billNo, transport);
            }
        });
    }

    /** Merges forbid the merged customer's record, unmerges enable the restored one; absent ones need nothing. */
    private void switches(List<TargetEvent> events, List<Integer> indexes, DeliveryOutcome[] out, Transport transport) {
        Map<Integer, String> numbers = new LinkedHashMap<>();
        indexes.forEach(i -> numbers.put(i, settings.customerNumber(events.get(i).externalId())));
        Map<String, JsonNode> found = lookup(KingdeeModels.CUSTOMER_FORM, CUSTOMER_STATUS_KEYS, "FNumber", numbers,
                numbers.keySet(), out, transport);
        if (found == null) {
            return;
        }
        numbers.forEach((i, number) -> {
            boolean merge = events.get(i).collection().equals(TargetEvent.MERGES);
            JsonNode row = found.get(number);
            String wanted = merge ? KingdeeModels.FORBIDDEN : KingdeeModels.ENABLED;
            if (row == null || wanted.equals(row.path(2).asText())) {
                out[i] = DeliveryOutcome.delivered();
            } else {
                out[i] = operation(KingdeeModels.CUSTOMER_FORM, merge ? FORBID : ENABLE, number, transport);
            }
        });
    }

    /**
     * The rows of {@code form} whose {@code keyField} is one of the numbers, by number (the first row
     * of a number wins); null when the query failed, its outcome then set for every index.
     */
    private Map<String, JsonNode> lookup(String form, String fieldKeys, String keyField, Map<Integer, String> numbers,
            Iterable<Integer> indexes, DeliveryOutcome[] out, Transport transport) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        String what = "Kingdee " + KingdeeRequest.QUERY + " " + form;
        KingdeeRequest request = models.query(form, fieldKeys, keyField, new ArrayList<>(new LinkedHashSet<>(numbers.values())));
        Exchange exchange = exchange(request, what, transport);
        DeliveryOutcome failure = exchange.failure();
        if (failure == null && exchange.answer().status() != null && !exchange.answer().status().success()) {
            failure = KingdeeErrors.outcome(exchange.answer(), exchange.answer().status().errors(), what);
        }
        if (failure != null) {
            for (int i : indexes) {
                if (out[i] == null) {
                    out[i] = failure;
                }
            }
            return null;
        }
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : exchange.answer().rows()) {
            rows.putIfAbsent(row.path(1).asText(), row);
        }
        return rows;
    }

    private void save(String form, String idField, boolean deleteEntries, Map<Integer, ObjectNode> models,
            DeliveryOutcome[] out, Transport transport) {
        List<Integer> indexes = new ArrayList<>(models.keySet());
        for (int from = 0; from < indexes.size(); from += settings.batchSize()) {
            List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + settings.batchSize()));
            KingdeeRequest request = this.models.save(form, chunk.stream().map(models::get).toList(), idField,
                    deleteEntries);
            String what = "Kingdee " + request.operation() + " " + form;
            Exchange exchange = exchange(request, what, transport);
            for (int k = 0; k < chunk.size(); k++) {
                out[chunk.get(k)] = exchange.failure() != null ? exchange.failure() : record(exchange.answer(), k, what);
            }
            LOG.debug("{} of {} record(s) answered", what, chunk.size());
        }
    }

    /** The outcome of the {@code k}th model of a (Batch)Save: its DIndex in SuccessEntitys or Errors. */
    private static DeliveryOutcome record(KingdeeAnswer answer, int k, String what) {
        KingdeeAnswer.Status status = answer.status();
        if (status == null) {
            return DeliveryOutcome.retryLater(answer.httpStatus(), "HTTP " + answer.httpStatus(),
                    what + ": Kingdee answered no ResponseStatus: " + TargetHttp.excerpt(answer.text(), 300), null);
        }
        if (status.success() || status.successIndexes().contains(k)) {
            return DeliveryOutcome.delivered();
        }
        List<KingdeeAnswer.Error> own = status.errors().stream().filter(e -> e.index() == k).toList();
        // errors that name no record of this call apply to the whole call
        return KingdeeErrors.outcome(answer, own.isEmpty() ? status.errors() : own, what);
    }

    private DeliveryOutcome operation(String form, String opNumber, String number, Transport transport) {
        KingdeeRequest request = models.operation(form, opNumber, List.of(number));
        String what = "Kingdee " + opNumber + " " + form + " " + number;
        Exchange exchange = exchange(request, what, transport);
        return exchange.failure() != null ? exchange.failure() : record(exchange.answer(), 0, what);
    }

    private record Exchange(KingdeeAnswer answer, DeliveryOutcome failure) {
    }

    /** One call, repeated once at once (signed afresh) when Kingdee says the session was lost. */
    private static Exchange exchange(KingdeeRequest request, String what, Transport transport) {
        KingdeeAnswer answer;
        try {
            answer = transport.call(request);
            if (KingdeeErrors.sessionLost(answer)) {
                LOG.info("{}: Kingdee session lost (MsgCode {}), repeating once", what, answer.status().msgCode());
                answer = transport.call(request);
            }
        } catch (IOException e) {
            return new Exchange(null, TargetHttp.noAnswer(e));
        }
        boolean ok = answer.httpStatus() >= 200 && answer.httpStatus() < 300 && answer.readable();
        return new Exchange(answer, ok ? null : KingdeeErrors.byHttp(answer, what));
    }

    private static Map<Integer, String> numbers(Map<Integer, ObjectNode> models, String field) {
        Map<Integer, String> numbers = new LinkedHashMap<>();
        models.forEach((i, m) -> numbers.put(i, m.path(field).asText()));
        return numbers;
    }

    private static long id(JsonNode row) {
        return row == null ? 0 : row.path(0).asLong(0);
    }

    private static DeliveryOutcome unmappable(TargetEvent event, RuntimeException e) {
        String reason = e instanceof Unmappable ? e.getMessage()
                : "event " + event.eventId() + " cannot be read as a " + event.collection() + " record";
        return DeliveryOutcome.permanent(null, "UNMAPPABLE", "not sent to Kingdee: " + reason);
    }
}
