package dev.tributary.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A regional sales order; totals are net of tax, tax, and gross in {@code currency}. */
public record Order(
        SourceRef sourceRef,
        String orderNumber,
        CustomerRef customerRef,
        LocalDate orderDate,
        String currency,
        List<OrderLine> lines,
        BigDecimal netTotal,
        BigDecimal taxTotal,
        BigDecimal grossTotal,
        OrderStatus status,
        SalesChannel channel,
        String distributorId,
        Instant sourceUpdatedAt,
        Long sourceVersion) implements CanonicalRecord {

    public Order {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public RecordType recordType() {
        return RecordType.ORDER;
    }

    @Override
    public SourceRef primarySource() {
        return sourceRef;
    }
}
