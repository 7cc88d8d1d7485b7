package dev.tributary.adapter.distributorfiles;

import java.math.BigDecimal;

/**
 * Vendor DTO: one data row of a distributor file as an order line, its cells already read as
 * typed values ({@link Cells}); {@code row} is its 1-based data-row number, {@code lineNo} its
 * place in the order, {@code lineTotal} = quantity × unitPrice − discount.
 */
record OrderRow(int row, int lineNo, String sku, String description, BigDecimal quantity, BigDecimal unitPrice,
        BigDecimal discount, BigDecimal taxRate, BigDecimal lineTotal) {
}
