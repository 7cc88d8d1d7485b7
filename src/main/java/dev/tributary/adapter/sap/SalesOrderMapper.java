package dev.tributary.adapter.sap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Canonical order → {@code A_SalesOrder} bodies (plain code, like {@link BusinessPartnerMapper}).
 * Prices are not sent: SAP prices the items from its own condition records.
 */
final class SalesOrderMapper {

    /** PurchaseOrderByCustomer (BSTKD) is 35 characters. */
    static final int PURCHASE_ORDER_LENGTH = 35;
    static final String HASHED_PREFIX = "H-";
    private static final int ITEM_TEXT_LENGTH = 40;

    private final SapSettings settings;
    private final ObjectMapper json;

    SalesOrderMapper(SapSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /**
     * The order's key in SAP: the hub's external id ({@code region.system.sourceId}) as it is, or,
     * when longer than 35 characters, {@code H-} and the first 33 hex digits of its SHA-256 (stable,
     * so that a redelivery finds the order again).
     */
    static String purchaseOrder(String externalId) {
        if (externalId.length() <= PURCHASE_ORDER_LENGTH) {
            return externalId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(externalId.getBytes(StandardCharsets.UTF_8));
            return HASHED_PREFIX + HexFormat.of().withUpperCase().formatHex(digest)
                    .substring(0, PURCHASE_ORDER_LENGTH - HASHED_PREFIX.length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The deep insert: header with the sales area and sold-to party, items as {@code to_Item}. */
    ObjectNode create(Order order, String soldToParty, String purchaseOrder) {
        ObjectNode so = json.createObjectNode()
                .put("SalesOrderType", settings.salesOrderType())
                .put("SalesOrganization", settings.salesOrganization())
                .put("DistributionChannel", settings.distributionChannel())
                .put("OrganizationDivision", settings.division())
                .put("SoldToParty", soldToParty)
                .put("PurchaseOrderByCustomer", purchaseOrder);
        header(so, order);
        ArrayNode items = so.putArray("to_Item");
        for (OrderLine line : order.lines()) {
            ObjectNode item = items.addObject()
                    .put("SalesOrderItem", String.valueOf(line.lineNo() * 10))
                    .put("Material", line.sku());
            if (line.description() != null && !line.description().isBlank()) {
                String text = line.description().strip();
                item.put("SalesOrderItemText", text.codePointCount(0, text.length()) <= ITEM_TEXT_LENGTH ? text
                        : text.substring(0, text.offsetByCodePoints(0, ITEM_TEXT_LENGTH)));
            }
            item.put("RequestedQuantity", decimal(line.quantity())).put("RequestedQuantityUnit", settings.unit());
        }
        return so;
    }

    /** The PATCH of a known order: its header only (a PATCH of A_SalesOrder does not replace items). */
    ObjectNode update(Order order) {
        return header(json.createObjectNode(), order);
    }

    private static ObjectNode header(ObjectNode so, Order order) {
        if (order.orderDate() != null) {
            so.put("CustomerPurchaseOrderDate", date(order.orderDate()));
        }
        if (order.currency() != null && !order.currency().isBlank()) {
            so.put("TransactionCurrency", order.currency());
        }
        return so;
    }

    /** OData V2 JSON's Edm.DateTime: {@code /Date(<epoch ms>)/}, midnight UTC. */
    static String date(LocalDate day) {
        return "/Date(" + day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + ")/";
    }

    /** OData V2 JSON writes Edm.Decimal as a string. */
    private static String decimal(BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
