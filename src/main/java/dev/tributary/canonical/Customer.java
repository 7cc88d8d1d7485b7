package dev.tributary.canonical;

import java.time.Instant;
import java.util.List;

/** A real company as HQ sees it; {@code globalCustomerId} is assigned by the hub. */
public record Customer(
        String globalCustomerId,
        String legalName,
        String normalisedName,
        String unifiedSocialCreditCode,
        String taxId,
        String country,
        String province,
        String city,
        String address,
        String industry,
        String segment,
        CustomerTier tier,
        List<Contact> contacts,
        String ownerRegion,
        List<SourceRef> sourceRefs,
        Long version,
        Instant updatedAt) implements CanonicalRecord {

    public Customer {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        sourceRefs = sourceRefs == null ? List.of() : List.copyOf(sourceRefs);
    }

    /** The same customer with the hub's global id stamped on it. */
    public Customer withGlobalCustomerId(String value) {
        return new Customer(value, legalName, normalisedName, unifiedSocialCreditCode, taxId, country, province, city,
                address, industry, segment, tier, contacts, ownerRegion, sourceRefs, version, updatedAt);
    }

    @Override
    public RecordType recordType() {
        return RecordType.CUSTOMER;
    }

    @Override
    public SourceRef primarySource() {
        return sourceRefs.isEmpty() ? null : sourceRefs.get(0);
    }

    @Override
    public CustomerRef customerRef() {
        SourceRef source = primarySource();
        return new CustomerRef(source == null ? null : source.sourceId(), unifiedSocialCreditCode, taxId, legalName);
    }
}
