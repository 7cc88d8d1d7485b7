/**
 * SAP S/4HANA as HQ ERP over OData V2 ({@code sap-s4-odata}): customers become business partners
 * ({@code API_BUSINESS_PARTNER}), orders sales orders ({@code API_SALES_ORDER_SRV}), each looked up
 * by the hub's id before a deep insert or a PATCH so that redelivery never creates twice. Basic
 * auth and a CSRF token with its session cookie on every write; OData errors are classified into
 * delivered, transient and permanent outcomes. Parameters and error classes:
 * {@code adapters/sap-s4-odata/README.md}.
 */
package dev.tributary.adapter.sap;
