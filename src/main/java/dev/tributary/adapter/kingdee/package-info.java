/**
 * 金蝶云星空 (Kingdee K3Cloud) as the HQ ERP target: customers to {@code BD_Customer} by number
 * (the global customer id), orders to {@code SAL_SaleOrder} by bill number (the hub's order id),
 * merges and unmerges as {@code Forbid}/{@code Enable}, every call signed with the app-secret v2.0
 * headers (or carrying a {@code LoginByAppSecret} session). Each write is preceded by an {@code ExecuteBillQuery} so a redelivery updates instead of
 * creating; parameters, field table and error classes: {@code adapters/kingdee-k3cloud/README.md}.
 */
package dev.tributary.adapter.kingdee;
