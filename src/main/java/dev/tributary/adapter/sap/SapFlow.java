package dev.tributary.adapter.sap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderStatus;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The calls one event makes, the same for the real adapter and the golden mapping: every write is
 * preceded by a lookup by the hub's id, so that a redelivered event updates what the first created.
 */
final class SapFlow {

    static final String CUSTOMER_NOT_IN_SAP = "CUSTOMER_NOT_IN_SAP";
    static final String UNREADABLE_EVENT = "UNREADABLE_EVENT";
    private static final Map<String, String> PATCH = Map.of("If-Match", "*");

    private final ObjectMapper json;
    private final SapPaths paths;
    private final BusinessPartnerMapper partners;
    private final SalesOrderMapper orders;

    SapFlow(SapSettings settings, ObjectMapper json) {
        this.json = json;
        this.paths = new SapPaths(settings);
        this.partners = new BusinessPartnerMapper(settings, json);
        this.orders = new SalesOrderMapper(settings, json);
    }

    SapPaths paths() {
        return paths;
    }

    DeliveryOutcome deliver(TargetEvent event, ODataCalls calls) {
        try {
            switch (event.collection()) {
                case TargetEvent.CUSTOMERS -> customer((Customer) event.record(json), calls);
                case TargetEvent.ORDERS -> order(event, (Order) event.record(json), calls);
                case TargetEvent.MERGES -> mark(event.data(json).path("mergedId").asText(""), partners.merged(), calls);
                case TargetEvent.UNMERGES -> mark(event.data(json).path("restoredId").asText(""), partners.unmerged(), calls);
                default -> throw new SapFailure(DeliveryOutcome.permanent(null, "NOT_TAKEN",
                        "SAP takes no " + event.collection()));
            }
            return DeliveryOutcome.delivered();
        } catch (SapFailure failure) {
            return failure.outcome();
        } catch (UncheckedIOException | ClassCastException e) {
            return DeliveryOutcome.permanent(null, UNREADABLE_EVENT, "event " + event.eventId() + " cannot be read as a "
                    + event.collection() + " record");
        }
    }

    private void customer(Customer customer, ODataCalls calls) throws SapFailure {
        String id = customerId(customer.globalCustomerId());
        Optional<String> partner = calls.find(new SapRequest("GET", paths.businessPartnerByCustomerId(id), null, null),
                SapPaths.BUSINESS_PARTNERS, id);
        if (partner.isPresent()) {
            calls.update(new SapRequest("PATCH", paths.businessPartner(partner.get()), PATCH, partners.update(customer)));
        } else {
            calls.create(new SapRequest("POST", paths.businessPartners(), null, partners.create(customer)),
                    SapPaths.BUSINESS_PARTNERS, "BusinessPartner", id);
        }
    }

    /**
     * An order needs its sold-to party: a customer not yet in SAP is a transient failure, since the
     * customer's own event is normally delivered first and the order waits behind it.
     */
    private void order(TargetEvent event, Order order, ODataCalls calls) throws SapFailure {
        String customerId = customerId(event.globalCustomerId());
        Optional<String> soldTo = calls.find(new SapRequest("GET", paths.businessPartnerByCustomerId(customerId), null, null),
                SapPaths.BUSINESS_PARTNERS, customerId);
        if (soldTo.isEmpty()) {
            throw new SapFailure(DeliveryOutcome.retryLater(null, CUSTOMER_NOT_IN_SAP, "customer " + customerId
                    + " is not yet in SAP (no business partner with " + SapPaths.CUSTOMER_ID_FIELD + " " + customerId
                    + "); the order waits for the customer's delivery", null));
        }
        String purchaseOrder = SalesOrderMapper.purchaseOrder(event.externalId());
        Optional<String> salesOrder = calls.find(new SapRequest("GET", paths.salesOrderByPurchaseOrder(purchaseOrder), null,
                null), SapPaths.SALES_ORDERS, purchaseOrder);
        if (salesOrder.isPresent()) {
            calls.update(new SapRequest("PATCH", paths.salesOrder(salesOrder.get()), PATCH, orders.update(order)));
        } else if (order.status() != OrderStatus.CANCELLED) {
            // a cancelled order SAP never had needs no sales order at all
            calls.create(new SapRequest("POST", paths.salesOrders(), null, orders.create(order, soldTo.get(), purchaseOrder)),
                    SapPaths.SALES_ORDERS, "SalesOrder", purchaseOrder);
        }
    }

    /** A merge or unmerge marks the partner SAP has; one it never had needs nothing. */
    private void mark(String customerId, JsonNode body, ODataCalls calls) throws SapFailure {
        String id = customerId(customerId);
        Optional<String> partner = calls.find(new SapRequest("GET", paths.businessPartnerByCustomerId(id), null, null),
                SapPaths.BUSINESS_PARTNERS, id);
        if (partner.isPresent()) {
            calls.update(new SapRequest("PATCH", paths.businessPartner(partner.get()), PATCH, body));
        }
    }

    /** The hub's id as SAP can hold it: BusinessPartnerIDByExtSystem has 20 characters. */
    private static String customerId(String globalCustomerId) throws SapFailure {
        if (globalCustomerId == null || globalCustomerId.isBlank()) {
            throw new SapFailure(DeliveryOutcome.permanent(null, "NO_CUSTOMER_ID", "the event names no global customer id"));
        }
        if (globalCustomerId.length() > 20) {
            throw new SapFailure(DeliveryOutcome.permanent(null, "CUSTOMER_ID_TOO_LONG", "global customer id "
                    + globalCustomerId + " is longer than the 20 characters of " + SapPaths.CUSTOMER_ID_FIELD));
        }
        return globalCustomerId;
    }
}
