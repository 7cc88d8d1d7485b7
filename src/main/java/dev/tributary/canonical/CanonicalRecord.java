package dev.tributary.canonical;

/** One of the three record kinds that travel through the hub. */
public sealed interface CanonicalRecord permits Customer, Order, Opportunity {

    /** The record kind. */
    RecordType recordType();

    /** The source reference of the record (for a customer, its first source). */
    SourceRef primarySource();

    /** The customer this record belongs to, as the source identified it. */
    CustomerRef customerRef();
}
