package dev.tributary.identity;

import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.CustomerTier;
import dev.tributary.canonical.SourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Field-level survivorship: each golden field takes the value of the source most trusted for that
 * field (configured per source system), then the most recently updated, then the first by key; a
 * source known only from an order's reference yields only where no record has a value. Each
 * value keeps its lineage: the source record and event it came from.
 */
final class GoldenRecords {

    private static final int MAX_CONTACTS = 20;

    /** Where one golden value came from. */
    record Lineage(String source, String eventId, Instant updatedAt) {
    }

    record Golden(Customer customer, Map<String, Lineage> lineage, String searchText) {
    }

    private final IdentityProperties properties;

    GoldenRecords(IdentityProperties properties) {
        this.properties = properties;
    }

    Golden build(String id, List<SourceRow> rows, Function<String, Customer> read, CustomerTier computedTier,
            long version) {
        List<Source> sources = rows.stream().map(r -> new Source(r, read.apply(r.record()))).toList();
        Map<String, Lineage> lineage = new LinkedHashMap<>();
        String legalName = pick("legalName", sources, Customer::legalName, lineage);
        String uscc = pickFromSource("unifiedSocialCreditCode", sources, s -> s.row.profile() == null ? null
                : s.row.profile().uscc(), lineage);
        String taxId = pick("taxId", sources, Customer::taxId, lineage);
        String country = pick("country", sources, Customer::country, lineage);
        String province = pick("province", sources, Customer::province, lineage);
        String city = pick("city", sources, Customer::city, lineage);
        String address = pick("address", sources, Customer::address, lineage);
        String industry = pick("industry", sources, Customer::industry, lineage);
        String segment = pick("segment", sources, Customer::segment, lineage);
        String ownerRegion = pick("ownerRegion", sources, c -> c.ownerRegion() == null ? null : c.ownerRegion(),
                lineage);
        CustomerTier sourceTier = pickValue("tier", sources,
                c -> c.tier() == CustomerTier.STRATEGIC ? null : c.tier(), lineage);
        CustomerTier tier = computedTier == CustomerTier.STRATEGIC ? CustomerTier.STRATEGIC
                : sourceTier == null ? CustomerTier.STANDARD : sourceTier;
        if (computedTier == CustomerTier.STRATEGIC) {
            lineage.put("tier", new Lineage("rule:strategic", null, null));
        }
        List<Contact> contacts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Source source : ordered("contacts", sources)) {
            for (Contact contact : source.record.contacts()) {
                String key = Objects.toString(contact.name(), "") + "|" + Objects.toString(contact.phone(), "") + "|"
                        + Objects.toString(contact.email(), "");
                if (contacts.size() < MAX_CONTACTS && seen.add(key)) {
                    contacts.add(contact);
                }
            }
        }
        List<SourceRef> refs = rows.stream()
                .map(r -> new SourceRef(r.region(), r.system(), r.sourceId(), r.receivedAt())).toList();
        Instant updatedAt = rows.stream().map(r -> r.updatedAt() != null ? r.updatedAt() : r.receivedAt())
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        String normalised = legalName == null ? null : Names.name(legalName).core();
        Customer golden = new Customer(id, legalName, normalised, uscc, taxId, country, province, city, address,
                industry, segment, tier, contacts, ownerRegion, refs, version, updatedAt);
        return new Golden(golden, lineage, searchText(sources, uscc));
    }

    /** Folded names in both scripts (simplified Chinese and pinyin) of every source, for search. */
    private static String searchText(List<Source> sources, String uscc) {
        Set<String> parts = new LinkedHashSet<>();
        for (Source source : sources) {
            String name = source.record.legalName();
            if (name != null) {
                String folded = Names.fold(name);
                parts.add(folded);
                Names.Name reduced = Names.name(name);
                if (reduced.han()) {
                    parts.add(Names.pinyin(reduced.core()));
                }
            }
        }
        if (uscc != null) {
            parts.add(uscc.toLowerCase());
        }
        String text = "|" + String.join("|", parts) + "|";
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    private String pick(String field, List<Source> sources, Function<Customer, String> value,
            Map<String, Lineage> lineage) {
        return pickValue(field, sources, c -> {
            String v = value.apply(c);
            return v == null || v.isBlank() ? null : v;
        }, lineage);
    }

    private String pickFromSource(String field, List<Source> sources, SourceValue value, Map<String, Lineage> lineage) {
        for (Source source : ordered(field, sources)) {
            String v = value.of(source);
            if (v != null && !v.isBlank()) {
                lineage.put(field, lineage(source));
                return v;
            }
        }
        return null;
    }

    private <T> T pickValue(String field, List<Source> sources, Function<Customer, T> value,
            Map<String, Lineage> lineage) {
        for (Source source : ordered(field, sources)) {
            T v = value.apply(source.record);
            if (v != null) {
                lineage.put(field, lineage(source));
                return v;
            }
        }
        return null;
    }

    /** Sources best first for {@code field}: records before references, trust, recency, key. */
    private List<Source> ordered(String field, List<Source> sources) {
        return sources.stream().sorted(Comparator
                .comparing((Source s) -> !s.row.hasRecord())
                .thenComparing(s -> -properties.trust(s.row.system(), field))
                .thenComparing(s -> s.updated(), Comparator.reverseOrder())
                .thenComparing(s -> s.row.sourceKey())).toList();
    }

    private static Lineage lineage(Source source) {
        return new Lineage(source.row.reference(), source.row.eventId(), source.updated());
    }

    private interface SourceValue {
        String of(Source source);
    }

    private record Source(SourceRow row, Customer record) {
        Instant updated() {
            Instant at = row.updatedAt() != null ? row.updatedAt() : row.receivedAt();
            return at == null ? Instant.EPOCH : at;
        }
    }
}
