package dev.tributary.identity;

import dev.tributary.canonical.Customer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** What HQ reads of a customer: the customer 360, search, and the steward's queue. */
@Component
class CustomerViews {

    /** Orders, opportunities, sources and changes listed (the figures count them all). */
    private static final int LISTED = 50;
    private static final int SOURCES_LISTED = 200;

    private final IdentityStore store;
    private final IdentityProperties properties;
    private final Clock clock = Clock.systemUTC();

    CustomerViews(IdentityStore store, IdentityProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The customer 360 of {@code id} (a merged id answers with the customer it was merged into). */
    Optional<Map<String, Object>> customer360(String id) {
        Optional<String> active = store.active(id);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        IdentityStore.CustomerRow row = store.customer(active.get()).orElseThrow();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("globalCustomerId", row.id());
        if (!row.id().equals(id)) {
            view.put("mergedFrom", id);
        }
        view.put("tier", row.tier());
        view.put("golden", store.readMap(row.golden()));
        view.put("lineage", store.readMap(row.lineage()));
        List<Map<String, Object>> sources = new ArrayList<>();
        List<SourceRow> all = store.sourcesOf(row.id());
        view.put("sourceCount", all.size());
        for (SourceRow source : all.subList(0, Math.min(all.size(), SOURCES_LISTED))) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("region", source.region());
            s.put("system", source.system());
            s.put("sourceId", source.sourceId());
            s.put("knownFrom", source.hasRecord() ? "customer record" : "order or opportunity reference");
            s.put("eventId", source.eventId());
            s.put("receivedAt", source.receivedAt());
            s.put("record", store.readMap(source.record()));
            sources.add(s);
        }
        view.put("sources", sources);
        view.putAll(activity(row.id()));
        view.put("history", store.changesOf(row.id(), LISTED).stream().map(this::historyEntry).toList());
        return Optional.of(view);
    }

    private Map<String, Object> activity(String customer) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String currency = properties.strategic().revenueCurrency();
        Object[] recency = store.recency(customer, today.minusDays(30), today.minusDays(90), today.minusDays(365),
                currency);
        LocalDate lastOrder = (LocalDate) recency[0];
        Map<String, Map<String, Object>> pipeline = new TreeMap<>();
        for (Object[] row : store.openPipeline(customer)) {
            Map<String, Object> stage = pipeline.computeIfAbsent(row[0] == null ? "UNKNOWN" : (String) row[0],
                    k -> new LinkedHashMap<>(Map.of("count", 0L, "amounts", new TreeMap<String, BigDecimal>())));
            stage.put("count", (Long) stage.get("count") + (Long) row[2]);
            if (row[1] != null && row[3] != null) {
                @SuppressWarnings("unchecked")
                Map<String, BigDecimal> amounts = (Map<String, BigDecimal>) stage.get("amounts");
                amounts.merge((String) row[1], (BigDecimal) row[3], BigDecimal::add);
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderTotals", store.orderTotals(customer));
        view.put("openPipeline", pipeline);
        view.put("lastOrderDate", lastOrder);
        view.put("touchpoints", Map.of("last30Days", recency[1], "last90Days", recency[2]));
        view.put("rfm", rfm(lastOrder == null ? null : ChronoUnit.DAYS.between(lastOrder, today), (Long) recency[3],
                (BigDecimal) recency[4]));
        view.put("activities", recency[5]);
        view.put("orders", store.newest(customer, "ORDER", LISTED).stream().map(CustomerViews::item).toList());
        view.put("opportunities", store.newest(customer, "OPPORTUNITY", LISTED).stream().map(CustomerViews::item)
                .toList());
        return view;
    }

    private static Map<String, Object> item(IdentityStore.ActivityRow a) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("region", a.region());
        item.put("system", a.system());
        item.put("sourceId", a.sourceId());
        item.put("date", a.touchDate());
        item.put("currency", a.currency());
        item.put("amount", a.amount());
        item.put("status", a.stage());
        return item;
    }

    /**
     * Recency, frequency and monetary value, each scored 1 to 5 (0 without orders), over the last
     * year; monetary value against the STRATEGIC revenue threshold, in its currency.
     */
    private Map<String, Object> rfm(Long daysSinceLastOrder, long orders, BigDecimal revenue) {
        int r = daysSinceLastOrder == null ? 0 : daysSinceLastOrder <= 30 ? 5 : daysSinceLastOrder <= 90 ? 4
                : daysSinceLastOrder <= 180 ? 3 : daysSinceLastOrder <= 365 ? 2 : 1;
        int f = orders >= 50 ? 5 : orders >= 20 ? 4 : orders >= 10 ? 3 : orders >= 3 ? 2 : orders >= 1 ? 1 : 0;
        double share = revenue.doubleValue() / properties.strategic().minRevenue().doubleValue();
        int m = share >= 1 ? 5 : share >= 0.3 ? 4 : share >= 0.1 ? 3 : share >= 0.01 ? 2 : share > 0 ? 1 : 0;
        Map<String, Object> rfm = new LinkedHashMap<>();
        rfm.put("recencyDays", daysSinceLastOrder);
        rfm.put("ordersLastYear", orders);
        rfm.put("revenueLastYear", Map.of(properties.strategic().revenueCurrency(), revenue));
        rfm.put("score", "R" + r + "F" + f + "M" + m);
        rfm.put("value", Math.round((r + f + m) * 100.0 / 15));
        return rfm;
    }

    List<Map<String, Object>> search(String q, String uscc, String region, String tier, int offset, int limit) {
        // '|' separates the names in the search text: it is no part of a name
        String folded = q == null || q.isBlank() ? null : Names.fold(q.replace("|", " ")).replaceAll("\\s+", " ").strip();
        folded = folded == null || folded.isEmpty() ? null : folded;
        return store.search(folded, uscc == null ? null : uscc.toUpperCase(java.util.Locale.ROOT), region, tier, offset,
                limit).stream().map(row -> {
            Customer golden = store.read(row.golden(), Customer.class);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("globalCustomerId", row.id());
            item.put("legalName", golden.legalName());
            item.put("unifiedSocialCreditCode", golden.unifiedSocialCreditCode());
            item.put("country", golden.country());
            item.put("city", golden.city());
            item.put("tier", row.tier());
            item.put("sources", golden.sourceRefs().size());
            item.put("updatedAt", row.updatedAt());
            return item;
        }).toList();
    }

    /**
     * The golden record a source record belongs to ({@code globalCustomerId} at the top, as the
     * golden record has it) with its lineage, as JSON: two indexed reads, the stored JSON as it is.
     */
    Optional<String> bySource(String region, String system, String sourceId) {
        return store.activeCustomerOf(IdentityResolver.sourceKey(region, system, sourceId)).flatMap(store::customer)
                .filter(row -> row.golden() != null && row.golden().endsWith("}"))
                .map(row -> row.golden().substring(0, row.golden().length() - 1) + ",\"lineage\":"
                        + (row.lineage() == null ? "{}" : row.lineage()) + "}");
    }

    private Map<String, Object> historyEntry(IdentityStore.ChangeRow c) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("kind", c.kind());
        h.put("customer", c.customer());
        if (c.other() != null) {
            h.put("other", c.other());
        }
        h.put("by", c.actor());
        h.put("at", c.at());
        if (c.detail() != null) {
            h.put("detail", store.readMap(c.detail()));
        }
        return h;
    }

    /** What became of a queued change: queued, done or refused, with what it did. */
    Map<String, Object> change(String changeId) {
        List<IdentityStore.ChangeRow> rows = store.changesByEvent(changeId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("changeId", changeId);
        view.put("status", rows.isEmpty() ? "not carried out (yet)"
                : rows.stream().anyMatch(c -> c.kind().equals("REFUSED")) ? "refused" : "done");
        view.put("changes", rows.stream().map(this::historyEntry).toList());
        return view;
    }

    List<Map<String, Object>> pairs(String status, int offset, int limit) {
        return store.pairs(status, offset, limit).stream().map(pair -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", pair.id());
            item.put("score", pair.score());
            item.put("evidence", pair.evidence());
            item.put("status", pair.status());
            item.put("queuedAt", pair.createdAt());
            if (pair.decidedAt() != null) {
                item.put("decidedAt", pair.decidedAt());
                item.put("decidedBy", pair.decidedBy());
            }
            item.put("a", side(pair.sourceA()));
            item.put("b", side(pair.sourceB()));
            return item;
        }).toList();
    }

    private Map<String, Object> side(String sourceKey) {
        Map<String, Object> side = new LinkedHashMap<>();
        store.source(sourceKey).ifPresent(row -> {
            Customer record = store.read(row.record(), Customer.class);
            side.put("source", row.reference());
            side.put("globalCustomerId", store.active(row.globalCustomerId()).orElse(row.globalCustomerId()));
            side.put("legalName", record.legalName());
            side.put("unifiedSocialCreditCode", record.unifiedSocialCreditCode());
            side.put("country", record.country());
            side.put("city", record.city());
            side.put("address", record.address());
        });
        return side;
    }
}
