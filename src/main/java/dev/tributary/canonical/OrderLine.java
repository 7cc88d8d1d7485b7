package dev.tributary.canonical;

import java.math.BigDecimal;

/** One line of an order; {@code lineTotal = quantity × unitPrice − discount}, before tax. */
public record OrderLine(
        int lineNo,
        String sku,
        String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal discount,
        BigDecimal lineTotal,
        BigDecimal taxRate) {
}
