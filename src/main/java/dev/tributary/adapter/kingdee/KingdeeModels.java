package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Canonical records to K3Cloud models ({@code BD_Customer}, {@code SAL_SaleOrder}) and the request
 * bodies around them. Plain code rather than MapStruct: a Kingdee model is a tree of small
 * {@code {"FNumber": …}} reference objects, which a mapper would only wrap in one-field DTOs.
 */
final class KingdeeModels {

    static final String CUSTOMER_FORM = "BD_Customer";
    static final String ORDER_FORM = "SAL_SaleOrder";
    static final String CUSTOMER_ID = "FCUSTID";
    static final String ORDER_ID = "FID";
    /** FCancelStatus of a cancelled (作废) bill; FForbidStatus of a forbidden (禁用) one. */
    static final String CANCELLED = "B";
    static final String FORBIDDEN = "B";
    static final String ENABLED = "A";

    private static final int PRICE_SCALE = 6;

    /** A record that cannot become a model: the reason is permanent (no call would change it). */
    static final class Unmappable extends RuntimeException {
        Unmappable(String message) {
            super(message, null, false, false);
        }
    }

    private final KingdeeSettings settings;
    private final ObjectMapper json;

    KingdeeModels(KingdeeSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** The customer's model, FCUSTID 0 (the caller sets the id found by the query). */
    ObjectNode customer(Customer customer, String globalCustomerId) {
        if (globalCustomerId == null || globalCustomerId.isBlank()) {
            throw new Unmappable("the customer has no globalCustomerId, which is its Kingdee number (FNumber)");
        }
        if (customer.legalName() == null || customer.legalName().isBlank()) {
            throw new Unmappable("FName: the customer " + globalCustomerId + " has no legal name");
        }
        ObjectNode model = json.createObjectNode().put(CUSTOMER_ID, 0);
        ref(model, "FCreateOrgId", settings.orgNumber());
        ref(model, "FUseOrgId", settings.orgNumber());
        model.put("FNumber", settings.customerNumber(globalCustomerId));
        model.put("FName", customer.legalName());
        String taxCode = customer.unifiedSocialCreditCode() != null ? customer.unifiedSocialCreditCode() : customer.taxId();
        putIfPresent(model, "FTAXREGISTERCODE", taxCode);
        putIfPresent(model, "FADDRESS", customer.address());
        putIfPresent(model, "FTEL", customer.contacts().stream().map(Contact::phone)
                .filter(p -> p != null && !p.isBlank()).findFirst().orElse(null));
        if (customer.country() != null) {
            ref(model, "FCOUNTRY", settings.country(customer.country()));
        }
        return model;
    }

    /** The order's model, FID 0; FBillNo is the hub's order id (the event's external id). */
    ObjectNode order(Order order, String billNo, String globalCustomerId) {
        if (globalCustomerId == null || globalCustomerId.isBlank()) {
            throw new Unmappable("FCustId: the order " + billNo + " has no global customer id yet");
        }
        String currency = settings.currency(order.currency());
        if (currency == null) {
            throw new Unmappable("FSettleCurrId: no Kingdee currency for ISO code '" + order.currency()
                    + "' (set currencies." + order.currency() + ")");
        }
        if (order.orderDate() == null) {
            throw new Unmappable("FDate: the order " + billNo + " has no order date");
        }
        if (order.lines().isEmpty()) {
            throw new Unmappable("FSaleOrderEntry: the order " + billNo + " has no lines");
        }
        String date = order.orderDate().toString();
        ObjectNode model = json.createObjectNode().put(ORDER_ID, 0);
        model.put("FBillNo", billNo);
        model.putObject("FBillTypeID").put("FNUMBER", settings.billType());
        model.put("FDate", date);
        ref(model, "FSaleOrgId", settings.orgNumber());
        ref(model, "FCustId", settings.customerNumber(globalCustomerId));
        ref(model, "FSalerId", settings.saler());
        if (order.orderNumber() != null) {
            model.put("FNote", "hub order " + order.orderNumber());
        }
        ObjectNode finance = model.putObject("FSaleOrderFinance");
        ref(finance, "FSettleCurrId", currency);
        // canonical prices are net of tax: Kingdee computes tax from FPrice and FEntryTaxRate
        finance.put("FIsIncludedTax", false);
        ArrayNode entries = model.putArray("FSaleOrderEntry");
        for (OrderLine line : order.lines()) {
            entries.add(line(line, date, billNo));
        }
        return model;
    }

    private ObjectNode line(OrderLine line, String date, String billNo) {
        if (line.sku() == null || line.sku().isBlank()) {
            throw new Unmappable("FMaterialId: line " + line.lineNo() + " of order " + billNo + " has no SKU");
        }
        if (line.quantity() == null) {
            throw new Unmappable("FQty: line " + line.lineNo() + " of order " + billNo + " has no quantity");
        }
        ObjectNode entry = json.createObjectNode().put("FEntryID", 0);
        ref(entry, "FMaterialId", line.sku());
        ref(entry, "FUnitID", settings.unit());
        ref(entry, "FPriceUnitId", settings.unit());
        ref(entry, "FStockUnitID", settings.unit());
        entry.put("FQty", plain(line.quantity()));
        BigDecimal price = netPrice(line);
        if (price != null) {
            entry.put("FPrice", price);
        }
        if (line.taxRate() != null) {
            entry.put("FEntryTaxRate", plain(line.taxRate().movePointRight(2)));
        }
        // the hub knows no delivery date: the order date stands in (Kingdee requires one)
        entry.put("FDeliveryDate", date);
        ref(entry, "FSettleOrgIds", settings.orgNumber());
        return entry;
    }

    /**
     * The net unit price after discount: lineTotal ÷ quantity when both are known, so that Kingdee's
     * amount equals the hub's line total however the source expressed its discount; else unitPrice.
     */
    static BigDecimal netPrice(OrderLine line) {
        if (line.lineTotal() != null && line.quantity() != null && line.quantity().signum() != 0) {
            return plain(line.lineTotal().divide(line.quantity(), PRICE_SCALE, RoundingMode.HALF_UP));
        }
        return line.unitPrice() == null ? null : plain(line.unitPrice());
    }

    /** Without trailing zeros and never in exponent form (1E+2), which Kingdee would not read as a number. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code ExecuteBillQuery} of {@code form} for the rows whose {@code keyField} is one of {@code numbers}. */
    KingdeeRequest query(String form, String fieldKeys, String keyField, List<String> numbers) {
        ObjectNode data = json.createObjectNode().put("FormId", form).put("FieldKeys", fieldKeys)
                .put("FilterString", filter(keyField, numbers)).put("OrderString", "").put("TopRowCount", 0)
                .put("StartRow", 0).put("Limit", 2000);
        ObjectNode body = json.createObjectNode();
        body.set("data", data(data));
        return new KingdeeRequest(KingdeeRequest.QUERY, body);
    }

    /** {@code FNumber='a'} or {@code FNumber IN ('a','b')}, quotes doubled as Kingdee's SQL filter wants. */
    static String filter(String keyField, List<String> numbers) {
        List<String> quoted = new ArrayList<>();
        for (String number : numbers) {
            quoted.add("'" + number.replace("'", "''") + "'");
        }
        return quoted.size() == 1 ? keyField + "=" + quoted.get(0) : keyField + " IN (" + String.join(",", quoted) + ")";
    }

    /**
     * {@code Save} of one model or {@code BatchSave} of several. {@code NeedUpDateFields} lists every
     * field key sent (inside sub-entities and entries too, as Kingdee wants them), so an update
     * changes those and leaves the rest (set by HQ users) alone; the organisations are not updated.
     */
    KingdeeRequest save(String form, List<ObjectNode> models, String idField, boolean deleteEntries) {
        ObjectNode data = json.createObjectNode();
        ArrayNode update = data.putArray("NeedUpDateFields");
        Set<String> fields = new LinkedHashSet<>();
        models.forEach(model -> fieldKeys(model, fields));
        fields.removeAll(Set.of(idField, "FEntryID", "FCreateOrgId", "FUseOrgId"));
        fields.forEach(update::add);
        data.putArray("NeedReturnFields").add(idField).add(idField.equals(CUSTOMER_ID) ? "FNumber" : "FBillNo");
        data.put("IsDeleteEntry", deleteEntries);
        if (models.size() == 1) {
            data.set("Model", models.get(0));
        } else {
            ArrayNode array = data.putArray("Model");
            models.forEach(array::add);
        }
        ObjectNode body = json.createObjectNode().put("formid", form);
        body.set("data", data(data));
        return new KingdeeRequest(models.size() == 1 ? KingdeeRequest.SAVE : KingdeeRequest.BATCH_SAVE, body);
    }

    /** {@code ExcuteOperation} (sic) {@code opNumber} on the bills or records numbered {@code numbers}. */
    KingdeeRequest operation(String form, String opNumber, List<String> numbers) {
        ObjectNode data = json.createObjectNode();
        ArrayNode array = data.putArray("Numbers");
        numbers.forEach(array::add);
        ObjectNode body = json.createObjectNode().put("formid", form).put("opNumber", opNumber);
        body.set("data", data(data));
        return new KingdeeRequest(KingdeeRequest.OPERATION, body);
    }

    /** {@code data} as an object, or as its JSON text when the target is set to send it the SDK way. */
    private JsonNode data(ObjectNode data) {
        if (!settings.dataAsString()) {
            return data;
        }
        try {
            return json.getNodeFactory().textNode(json.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a Kingdee model cannot be written", e);
        }
    }

    /** The field keys of a model: a reference ({@code {"FNumber": …}}) is one field, a sub-entity or entry its fields. */
    private static void fieldKeys(JsonNode node, Set<String> keys) {
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                value.forEach(entry -> fieldKeys(entry, keys));
            } else if (value.isObject() && !isReference(value)) {
                fieldKeys(value, keys);
            } else {
                keys.add(field.getKey());
            }
        });
    }

    private static boolean isReference(JsonNode value) {
        return value.size() == 1 && (value.has("FNumber") || value.has("FNUMBER"));
    }

    private static void ref(ObjectNode parent, String field, String number) {
        parent.putObject(field).put("FNumber", number);
    }

    private static void putIfPresent(ObjectNode model, String field, String value) {
        if (value != null && !value.isBlank()) {
            model.put(field, value);
        }
    }
}
