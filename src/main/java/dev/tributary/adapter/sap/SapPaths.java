package dev.tributary.adapter.sap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The OData paths of the two services: entity sets, keys, {@code $filter} lookups and the client. */
final class SapPaths {

    static final String BUSINESS_PARTNERS = "A_BusinessPartner";
    static final String SALES_ORDERS = "A_SalesOrder";
    /** Where the hub's globalCustomerId lives on a business partner (20 characters, as BUT000-BPEXT). */
    static final String CUSTOMER_ID_FIELD = "BusinessPartnerIDByExtSystem";
    static final String ORDER_ID_FIELD = "PurchaseOrderByCustomer";

    private final SapSettings settings;

    SapPaths(SapSettings settings) {
        this.settings = settings;
    }

    String businessPartnerService() {
        return trim(settings.businessPartnerService());
    }

    String salesOrderService() {
        return trim(settings.salesOrderService());
    }

    /** The service document, fetched with {@code x-csrf-token: fetch} before the first write. */
    String serviceRoot(String service) {
        return withClient(service + "/");
    }

    String businessPartners() {
        return withClient(businessPartnerService() + "/" + BUSINESS_PARTNERS);
    }

    String businessPartner(String number) {
        return withClient(businessPartnerService() + "/" + BUSINESS_PARTNERS + key(number));
    }

    String businessPartnerByCustomerId(String globalCustomerId) {
        return withClient(businessPartnerService() + "/" + BUSINESS_PARTNERS + filter(CUSTOMER_ID_FIELD, globalCustomerId,
                "BusinessPartner"));
    }

    String salesOrders() {
        return withClient(salesOrderService() + "/" + SALES_ORDERS);
    }

    String salesOrder(String number) {
        return withClient(salesOrderService() + "/" + SALES_ORDERS + key(number));
    }

    String salesOrderByPurchaseOrder(String purchaseOrder) {
        return withClient(salesOrderService() + "/" + SALES_ORDERS + filter(ORDER_ID_FIELD, purchaseOrder, "SalesOrder"));
    }

    /** The service a path belongs to (for the CSRF token, which is fetched per service). */
    String serviceOf(String path) {
        return path.startsWith(salesOrderService() + "/") ? salesOrderService() : businessPartnerService();
    }

    private String withClient(String path) {
        return settings.sapClient().isEmpty() ? path
                : path + (path.contains("?") ? "&" : "?") + "sap-client=" + encode(settings.sapClient());
    }

    /** {@code ('<value>')}, the value an OData string literal (quotes doubled), percent-encoded. */
    private static String key(String value) {
        return "('" + encode(value.replace("'", "''")) + "')";
    }

    private static String filter(String field, String value, String select) {
        return "?$filter=" + encode(field + " eq '" + value.replace("'", "''") + "'") + "&$select=" + select;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    private static String trim(String service) {
        return service.endsWith("/") ? service.substring(0, service.length() - 1) : service;
    }
}
