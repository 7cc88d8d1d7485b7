package dev.tributary.adapter.distributorfiles;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Vendor DTO: the rows of one order of a distributor file, read and grouped — the order-level
 * cells of its first row, its lines, the ids the adapter derives ({@code sourceId},
 * {@code customerSourceId}) and its totals.
 */
record DistributorOrder(String orderNumber, String sourceId, String distributorId, String customerSourceId,
        String customerName, String unifiedSocialCreditCode, String currency, LocalDate orderDate,
        Instant sourceUpdatedAt, List<OrderRow> lines, BigDecimal netTotal, BigDecimal taxTotal,
        BigDecimal grossTotal) {
}
