package dev.tributary.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A regional sales opportunity; the source's own stage name is kept in {@code sourceStage}. */
public record Opportunity(
        SourceRef sourceRef,
        CustomerRef customerRef,
        String name,
        OpportunityStage stage,
        String sourceStage,
        BigDecimal amount,
        String currency,
        Integer probability,
        LocalDate expectedCloseDate,
        String owner,
        Instant sourceUpdatedAt) implements CanonicalRecord {

    @Override
    public RecordType recordType() {
        return RecordType.OPPORTUNITY;
    }

    @Override
    public SourceRef primarySource() {
        return sourceRef;
    }
}
