package dev.tributary.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.CustomerTier;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.OpportunityStage;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.SourceRef;
import dev.tributary.validation.UnifiedSocialCreditCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity stage: gives every inbound record the global customer it belongs to, keeping the
 * cross-reference, the match profiles, the steward's queue and the golden records in the database.
 * Resolutions run one at a time (a lock), so two sources of one company arriving together cannot
 * each start a customer of their own; each runs in one database transaction. A redelivered event
 * (same event id) changes nothing and gets the same answer, with the changes it caused again.
 */
@Component
public class IdentityResolver {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityResolver.class);

    /** An event the identity stage adds for the targets: a golden record, a merge or an unmerge. */
    public record Outgoing(Kind kind, String customerId, String otherId, Customer golden) {

        public enum Kind { CUSTOMER, MERGE, UNMERGE }
    }

    /** The customer a record belongs to; for a customer, its golden record; and what else to send. */
    public record Resolution(String globalCustomerId, Customer golden, List<Outgoing> also) {
    }

    private final IdentityStore store;
    private final IdentityProperties properties;
    private final ObjectMapper mapper;
    private final MatchScorer scorer = new MatchScorer();
    private final GoldenRecords goldens;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TierChecks tierChecks;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    @Autowired
    IdentityResolver(IdentityStore store, IdentityProperties properties, ObjectMapper mapper, MeterRegistry meters) {
        this(store, properties, mapper, Clock.systemUTC(), meters);
    }

    IdentityResolver(IdentityStore store, IdentityProperties properties, ObjectMapper mapper) {
        this(store, properties, mapper, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    IdentityResolver(IdentityStore store, IdentityProperties properties, ObjectMapper mapper, Clock clock,
            MeterRegistry meters) {
        this.meters = meters;
        this.tierChecks = new TierChecks(properties.tierCheckInterval(), clock);
        this.store = store;
        this.properties = properties;
        this.mapper = mapper;
        this.goldens = new GoldenRecords(properties);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(store.jdbc().getDataSource()));
        this.clock = clock;
    }

    /** Resolves one inbound record of {@code region}, carried by event {@code eventId}. */
    public Resolution resolve(CanonicalRecord record, String eventId) {
        Resolution resolution;
        if (record instanceof Customer customer) {
            resolution = locked(() -> resolveCustomer(customer, eventId));
        } else {
            // an order of a customer already known changes no customer's sources: such orders run
            // side by side; one that must first create its customer waits for the exclusive lock
            try {
                resolution = shared(() -> resolveActivity(record, eventId, false));
            } catch (NeedsExclusive e) {
                resolution = locked(() -> resolveActivity(record, eventId, true));
            }
        }
        resolved(record.recordType().wireName(), resolution.also());
        return resolution;
    }

    /** Counts a resolution and the merges and unmerges it caused (tributary.identity.*). */
    private void resolved(String kind, List<Outgoing> also) {
        meters.counter("tributary.identity.resolved", "kind", kind).increment();
        for (Outgoing outgoing : also) {
            if (outgoing.kind() != Outgoing.Kind.CUSTOMER) {
                meters.counter("tributary.identity.changes", "kind", outgoing.kind().name().toLowerCase()).increment();
            }
        }
    }

    // ------------------------------------------------------------------ customers

    private Resolution resolveCustomer(Customer customer, String eventId) {
        SourceRef source = customer.primarySource();
        String key = sourceKey(source.region(), source.system(), source.sourceId());
        Optional<SourceRow> existing = store.source(key);
        if (existing.isPresent() && eventId.equals(existing.get().eventId())) {
            return replay(existing.get().globalCustomerId(), eventId);
        }
        Instant now = clock.instant();
        String current = existing.map(r -> active(r.globalCustomerId())).orElse(null);
        if (existing.isPresent() && existing.get().hasRecord() && older(customer, existing.get())) {
            LOG.debug("{} is older than the record kept for {}; the golden record keeps the newer values", eventId,
                    existing.get().reference());
            return new Resolution(current, golden(current), List.of());
        }
        CustomerProfile profile = CustomerProfile.of(customer);
        Map<String, Candidate> clusters = new TreeMap<>();
        List<Candidate> review = new ArrayList<>();
        for (Candidate candidate : candidates(key, profile)) {
            if (candidate.cluster.equals(current)) {
                continue;
            }
            if (candidate.match.score() >= properties.mergeAt()) {
                clusters.merge(candidate.cluster, candidate, (x, y) -> x.match.score() >= y.match.score() ? x : y);
            } else if (candidate.match.score() >= properties.reviewAt()) {
                review.add(candidate);
            }
        }
        // a record that matches two customers which contradict each other (two cities, say) is
        // not evidence that they are one: the steward decides
        List<Candidate> best = List.copyOf(clusters.values());
        for (int i = 0; i < best.size(); i++) {
            for (int j = i + 1; j < best.size(); j++) {
                if (scorer.score(best.get(i).row.profile(), best.get(j).row.profile()).contradicted()) {
                    for (Candidate c : List.of(best.get(i), best.get(j))) {
                        if (clusters.remove(c.cluster) != null) {
                            review.add(c);
                        }
                    }
                }
            }
        }
        // two valid codes that differ are two companies: only clusters of one code (or none) join
        String code = profile.uscc() != null ? profile.uscc() : current == null ? null : uscc(current);
        for (Candidate candidate : clusters.values().stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.match.score())).toList()) {
            String theirs = uscc(candidate.cluster);
            if (theirs == null) {
                continue;
            }
            if (code == null) {
                code = theirs;
            } else if (!code.equals(theirs)) {
                clusters.remove(candidate.cluster);
                if (profile.uscc() == null) {
                    review.add(candidate);
                }
            }
        }
        // a steward's rejection or an unmerge keeps two customers apart, even when a third record
        // matches both: the record then joins its own customer, or the best match
        List<String> joining = new ArrayList<>();
        if (current != null) {
            joining.add(current);
        }
        for (Candidate candidate : clusters.values().stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.match.score())).toList()) {
            if (joining.stream().noneMatch(j -> store.keptApart(j, candidate.cluster))) {
                joining.add(candidate.cluster);
            }
        }
        String survivor;
        if (joining.isEmpty()) {
            survivor = newCustomer(GlobalCustomerIds.identityKey(customer), key, now);
        } else {
            survivor = oldest(joining);
        }
        String record = store.json(customer);
        store.saveSource(new SourceRow(key, source.region(), source.system(), source.sourceId(), survivor, true,
                profile, record, eventId, customer.version(), customer.updatedAt(), now),
                profile.blockingKeys(), existing.isPresent());
        List<Outgoing> also = new ArrayList<>();
        for (String other : joining) {
            if (!other.equals(survivor)) {
                Candidate why = clusters.get(other);
                merge(other, survivor, eventId, "auto", why == null ? "same source" : why.describe(), now, also);
            }
        }
        for (Candidate candidate : review) {
            if (!active(candidate.row.globalCustomerId()).equals(survivor)) {
                store.queuePair(key, candidate.row.sourceKey(), candidate.match.score(), candidate.describe(), now);
            }
        }
        Customer golden = refresh(survivor, eventId, now, also, joining.size() > 1);
        return new Resolution(survivor, golden, also);
    }

    /** Scores every source sharing a blocking key with {@code profile}, best per source. */
    private List<Candidate> candidates(String key, CustomerProfile profile) {
        Set<String> keys = new java.util.TreeSet<>();
        for (String block : profile.blockingKeys()) {
            List<String> members = store.block(block, properties.candidatesPerKey());
            if (members.size() >= properties.candidatesPerKey()) {
                // a crowded key (a common name prefix, a switchboard phone): only its first sources are
                // compared; counted, so that an operator sees when matching leans on the other keys
                meters.counter("tributary.identity.blocks.full").increment();
                LOG.debug("blocking key {} has {} or more sources; compared with the first", block, members.size());
            }
            keys.addAll(members);
        }
        keys.remove(key);
        List<Candidate> candidates = new ArrayList<>();
        Map<String, String> actives = new java.util.HashMap<>();
        for (SourceRow row : store.sources(keys)) {
            if (row.profile() == null) {
                continue;
            }
            MatchScorer.Match match = scorer.score(profile, row.profile());
            if (match.score() < properties.reviewAt()) {
                continue;
            }
            Optional<IdentityStore.PairRow> decided = store.pair(key, row.sourceKey());
            if (decided.isPresent() && decided.get().status().equals("REJECTED")) {
                continue;
            }
            candidates.add(new Candidate(row, actives.computeIfAbsent(row.globalCustomerId(), this::active), match));
        }
        return candidates;
    }

    private record Candidate(SourceRow row, String cluster, MatchScorer.Match match) {
        String describe() {
            return row.reference() + ": " + match.score() + " (" + String.join(", ", match.evidence()) + ")";
        }
    }

    // ------------------------------------------------------------------ commands (steward, operator)

    /** A merge, unmerge or steward decision, as queued by {@link IdentityCommands}. */
    public record Command(String action, String customerId, String otherId, Long pairId, String actor) {
    }

    /** Why {@code command} cannot be carried out now, or null when it can. */
    public String problem(Command command) {
        // read only, and checked again when carried out: no lock, so asking holds up no record
        return transaction.execute(status -> check(command));
    }

    private String check(Command command) {
        switch (command.action()) {
            case "merge" -> {
                Optional<String> survivor = store.active(command.customerId());
                Optional<String> merged = store.active(command.otherId());
                if (survivor.isEmpty() || merged.isEmpty()) {
                    return "there is no customer " + (survivor.isEmpty() ? command.customerId() : command.otherId());
                }
                if (survivor.get().equals(merged.get())) {
                    return command.otherId() + " is already part of " + survivor.get();
                }
                String a = uscc(survivor.get());
                String b = uscc(merged.get());
                if (a != null && b != null && !a.equals(b)) {
                    return "the customers have different unified social credit codes (" + a + ", " + b
                            + "): they are two companies";
                }
                return null;
            }
            case "unmerge" -> {
                Optional<IdentityStore.CustomerRow> merged = store.customer(command.otherId());
                if (merged.isEmpty() || merged.get().mergedInto() == null) {
                    return command.otherId() + " is not a customer merged into another";
                }
                if (!active(command.otherId()).equals(active(command.customerId()))) {
                    return command.otherId() + " was not merged into " + command.customerId();
                }
                if (store.lastMergeOf(command.otherId()).isEmpty()) {
                    return "no merge of " + command.otherId() + " is on record";
                }
                return comingBack(active(command.customerId()), command.otherId()).isEmpty()
                        ? "none of the records " + command.otherId() + " had is in " + command.customerId()
                        + " any more; it has nothing to be restored with" : null;
            }
            case "tier" -> {
                return store.active(command.customerId()).isEmpty() ? "there is no customer " + command.customerId() : null;
            }
            case "approve", "reject" -> {
                Optional<IdentityStore.PairRow> pair = command.pairId() == null ? Optional.empty()
                        : store.pair(command.pairId());
                if (pair.isEmpty()) {
                    return "there is no pair " + command.pairId();
                }
                if (!pair.get().status().equals("PENDING")) {
                    return "pair " + command.pairId() + " was decided already (" + pair.get().status() + ")";
                }
                String a = active(store.customerOf(pair.get().sourceA()).orElseThrow());
                String b = active(store.customerOf(pair.get().sourceB()).orElseThrow());
                if (command.action().equals("reject") && a.equals(b)) {
                    return "the two records of pair " + command.pairId() + " are one customer already (" + a
                            + "); to part them, unmerge";
                }
                String codeA = uscc(a);
                String codeB = uscc(b);
                if (command.action().equals("approve") && codeA != null && codeB != null && !codeA.equals(codeB)) {
                    return "the customers have different unified social credit codes (" + codeA + ", " + codeB
                            + "): they are two companies";
                }
                return null;
            }
            default -> {
                return "unknown action " + command.action();
            }
        }
    }

    /** Carries out a queued command (once: a redelivery sends the events it caused again). */
    public List<Outgoing> apply(Command command, String eventId) {
        List<Outgoing> events = locked(() -> {
            if (!store.changesByEvent(eventId).isEmpty()) {
                return replay(active(command.customerId() != null ? command.customerId() : pairCustomer(command)),
                        eventId).also();
            }
            Instant now = clock.instant();
            List<Outgoing> also = new ArrayList<>();
            String problem = check(command);
            if (problem != null) {
                // refused since it was queued (another change came first): on record, nothing sent
                store.change(eventId, "REFUSED", command.customerId() != null ? command.customerId()
                                : pairCustomer(command),
                        command.otherId(), store.json(Map.of("action", command.action(), "why", problem)),
                        command.actor(), now);
                LOG.warn("identity command {} of {} refused: {}", command.action(), command.actor(), problem);
                return also;
            }
            switch (command.action()) {
                case "merge" -> {
                    String survivor = active(command.customerId());
                    merge(active(command.otherId()), survivor, eventId, command.actor(), "merged by " + command.actor(),
                            now, also);
                    refresh(survivor, eventId, now, also);
                }
                case "tier" -> {
                    String customer = active(command.customerId());
                    boolean strategic = computedTier(customer) == CustomerTier.STRATEGIC;
                    // a check that changes nothing leaves no row (a redelivered one just checks again)
                    if (strategic != "STRATEGIC".equals(store.tier(customer))) {
                        refresh(customer, eventId, now, also);
                    }
                }
                case "unmerge" -> unmerge(active(command.customerId()), command.otherId(), eventId, command.actor(), now,
                        also);
                case "approve" -> {
                    IdentityStore.PairRow pair = store.pair(command.pairId()).orElseThrow();
                    String a = active(store.source(pair.sourceA()).orElseThrow().globalCustomerId());
                    String b = active(store.source(pair.sourceB()).orElseThrow().globalCustomerId());
                    store.decidePair(pair.id(), "APPROVED", command.actor(), now);
                    if (!a.equals(b)) {
                        String survivor = oldest(List.of(a, b));
                        merge(survivor.equals(a) ? b : a, survivor, eventId, command.actor(),
                                "pair " + pair.id() + " approved by " + command.actor(), now, also);
                        refresh(survivor, eventId, now, also);
                    } else {
                        store.change(eventId, "APPROVED", a, null, null, command.actor(), now);
                    }
                }
                default -> {
                    IdentityStore.PairRow pair = store.pair(command.pairId()).orElseThrow();
                    store.keepApart(pair.sourceA(), pair.sourceB(), command.actor(), now);
                    store.change(eventId, "KEPT_APART", store.source(pair.sourceA()).orElseThrow().globalCustomerId(),
                            store.source(pair.sourceB()).orElseThrow().globalCustomerId(), null, command.actor(), now);
                }
            }
            return also;
        });
        resolved("command", events);
        return events;
    }

    private String pairCustomer(Command command) {
        return store.pair(command.pairId()).flatMap(p -> store.source(p.sourceA())).map(SourceRow::globalCustomerId)
                .orElse(command.otherId());
    }

    /**
     * Gives {@code restored} back the sources it had when it was merged (those still in
     * {@code survivor}); the two are kept apart from then on, source by source.
     */
    private void unmerge(String survivor, String restored, String eventId, String actor, Instant now,
            List<Outgoing> also) {
        List<String> back = comingBack(survivor, restored);
        store.unredirect(restored, survivor, now);
        for (String key : back) {
            store.moveSource(key, restored);
        }
        // one kept-apart pair joins the two customers for good (keptApart looks across their sources)
        store.sourcesOf(survivor).stream().findFirst()
                .ifPresent(stays -> store.keepApart(stays.sourceKey(), back.get(0), actor, now));
        store.change(eventId, "UNMERGE", survivor, restored, store.json(Map.of("sources", back)), actor, now);
        LOG.info("customer {} restored from {} by {} ({} sources)", restored, survivor, actor, back.size());
        also.add(new Outgoing(Outgoing.Kind.UNMERGE, survivor, restored, null));
        refresh(restored, eventId, now, also);
        refresh(survivor, eventId, now, also);
    }

    /** The sources {@code restored} had when it was last merged that are still in {@code survivor}. */
    private List<String> comingBack(String survivor, String restored) {
        IdentityStore.ChangeRow merge = store.lastMergeOf(restored).orElseThrow();
        @SuppressWarnings("unchecked")
        List<String> moved = (List<String>) store.readMap(merge.detail()).getOrDefault("sources", List.of());
        List<String> back = new ArrayList<>();
        for (String key : moved) {
            store.customerOf(key).filter(id -> active(id).equals(survivor)).ifPresent(id -> back.add(key));
        }
        return back;
    }

    // ------------------------------------------------------------------ orders and opportunities

    private Resolution resolveActivity(CanonicalRecord record, String eventId, boolean mayCreate) {
        SourceRef source = record.primarySource();
        CustomerRef ref = record.customerRef();
        String activityKey = sourceKey(source.region(), source.system(), source.sourceId());
        Optional<IdentityStore.ActivityRow> kept = store.activity(activityKey);
        if (kept.isPresent() && eventId.equals(kept.get().eventId())) {
            return replay(store.customerOf(kept.get().customerKey()).orElseThrow(), eventId);
        }
        Instant now = clock.instant();
        String customerKey = sourceKey(source.region(), source.system(), referenceId(ref));
        Optional<String> known = store.activeCustomerOf(customerKey);
        if (known.isEmpty() && !mayCreate) {
            throw new NeedsExclusive();
        }
        List<Outgoing> also = new ArrayList<>();
        String customer;
        if (known.isPresent()) {
            customer = known.get();
        } else {
            customer = customerForReference(record, customerKey, now, eventId, also);
        }
        IdentityStore.ActivityRow activity = activity(record, activityKey, customerKey, eventId, now);
        if (kept.isEmpty() || !olderActivity(activity, kept.get())) {
            store.saveActivity(activity, kept.isPresent());
        }
        // the rule's sums cost a query over the customer's activity: a busy customer is checked at
        // most once per tier-check-interval here, and its later orders then by a queued check
        if ((mayCreate || tierChecks.due(customer))
                && (computedTier(customer) == CustomerTier.STRATEGIC) != "STRATEGIC".equals(store.tier(customer))) {
            if (!mayCreate) {
                throw new NeedsExclusive();
            }
            refresh(customer, eventId, now, also);
        }
        return new Resolution(customer, null, also);
    }

    /**
     * The customer an order's reference names when its source's customer record has not arrived:
     * the customer of its valid USCC, else a customer of its own; either way a cross-reference row
     * (without a record) joins the two, so the record, when it comes, joins the same customer.
     */
    private String customerForReference(CanonicalRecord record, String customerKey, Instant now, String eventId,
            List<Outgoing> also) {
        SourceRef source = record.primarySource();
        CustomerRef ref = record.customerRef();
        String customer = null;
        if (UnifiedSocialCreditCode.isValid(ref.unifiedSocialCreditCode())) {
            customer = store.activeWithUscc(ref.unifiedSocialCreditCode()).stream().findFirst().orElse(null);
        }
        if (customer == null) {
            customer = newCustomer(GlobalCustomerIds.identityKey(record), customerKey, now);
        }
        Customer stub = new Customer(null, ref.legalName(), null, ref.unifiedSocialCreditCode(), ref.taxId(), null,
                null, null, null, null, null, null, List.of(), source.region(),
                List.of(new SourceRef(source.region(), source.system(), referenceId(ref), null)), null, null);
        CustomerProfile profile = CustomerProfile.of(stub);
        List<String> keys = profile.blockingKeys().stream().filter(k -> k.startsWith("u:") || k.startsWith("t:")).toList();
        store.saveSource(new SourceRow(customerKey, source.region(), source.system(), referenceId(ref), customer, false,
                profile, store.json(stub), null, null, null, now), keys, false);
        refresh(customer, eventId, now, also, false);
        return customer;
    }

    /**
     * The id of the customer an order names in its source: its source id, or for a reference with a
     * code only (a distributor file, say) the code, so that all of that source's orders for it meet.
     */
    public static String referenceId(CustomerRef ref) {
        if (ref.sourceId() != null && !ref.sourceId().isBlank()) {
            return ref.sourceId();
        }
        return ref.unifiedSocialCreditCode() != null && !ref.unifiedSocialCreditCode().isBlank()
                ? "uscc:" + ref.unifiedSocialCreditCode() : "tax:" + ref.taxId();
    }

    private static IdentityStore.ActivityRow activity(CanonicalRecord record, String key, String customerKey,
            String eventId, Instant now) {
        SourceRef source = record.primarySource();
        if (record instanceof Order order) {
            return new IdentityStore.ActivityRow(key, "ORDER", source.region(), source.system(), source.sourceId(),
                    customerKey, order.orderDate() == null ? LocalDate.ofInstant(now, ZoneOffset.UTC) : order.orderDate(),
                    order.currency(), order.grossTotal(), order.status() == null ? null : order.status().name(),
                    false, eventId, order.sourceVersion(), order.sourceUpdatedAt(), now);
        }
        Opportunity opportunity = (Opportunity) record;
        Instant touched = opportunity.sourceUpdatedAt() != null ? opportunity.sourceUpdatedAt() : now;
        boolean open = opportunity.stage() != OpportunityStage.CLOSED_WON && opportunity.stage() != OpportunityStage.CLOSED_LOST;
        return new IdentityStore.ActivityRow(key, "OPPORTUNITY", source.region(), source.system(), source.sourceId(),
                customerKey, LocalDate.ofInstant(touched, ZoneOffset.UTC), opportunity.currency(), opportunity.amount(),
                opportunity.stage() == null ? null : opportunity.stage().name(), open, eventId, null,
                opportunity.sourceUpdatedAt(), now);
    }

    private static boolean olderActivity(IdentityStore.ActivityRow incoming, IdentityStore.ActivityRow kept) {
        if (incoming.version() != null && kept.version() != null) {
            return incoming.version() < kept.version();
        }
        return incoming.updatedAt() != null && kept.updatedAt() != null && incoming.updatedAt().isBefore(kept.updatedAt());
    }

    // ------------------------------------------------------------------ merges

    private void merge(String merged, String survivor, String eventId, String actor, String why, Instant now,
            List<Outgoing> also) {
        List<String> moved = store.sourcesOf(merged).stream().map(SourceRow::sourceKey).toList();
        store.moveSources(merged, survivor);
        store.redirect(merged, survivor, now);
        store.change(eventId, "MERGE", survivor, merged, store.json(Map.of("sources", moved, "why", why)), actor, now);
        LOG.info("customer {} merged into {} ({}: {})", merged, survivor, actor, why);
        also.add(new Outgoing(Outgoing.Kind.MERGE, survivor, merged, null));
    }

    /** Recomputes and stores the golden record of {@code customer}; a tier change is recorded. */
    private Customer refresh(String customer, String eventId, Instant now, List<Outgoing> also) {
        return refresh(customer, eventId, now, also, true);
    }

    /**
     * As {@link #refresh(String, String, Instant, List)}; without {@code recheckTier} the customer
     * keeps the tier the rule gave it (a change of its records alone does not change its activity).
     */
    private Customer refresh(String customer, String eventId, Instant now, List<Outgoing> also, boolean recheckTier) {
        IdentityStore.CustomerRow row = store.customer(customer).orElseThrow();
        CustomerTier tier = recheckTier ? computedTier(customer)
                : "STRATEGIC".equals(row.tier()) ? CustomerTier.STRATEGIC : null;
        GoldenRecords.Golden golden = goldens.build(customer, store.sourcesOf(customer),
                json -> store.read(json, Customer.class), tier, row.version() + 1);
        Customer record = golden.customer();
        if (row.tier() != null && !row.tier().equals(record.tier().name())) {
            store.change(eventId, "TIER", customer, null,
                    store.json(Map.of("from", row.tier(), "to", record.tier().name())), "rule", now);
        }
        store.saveGolden(customer, record.unifiedSocialCreditCode(), record.taxId(), record.tier().name(),
                store.json(record), store.json(golden.lineage()), golden.searchText(), record.version(), now);
        also.removeIf(o -> o.kind() == Outgoing.Kind.CUSTOMER && o.customerId().equals(customer));
        also.add(new Outgoing(Outgoing.Kind.CUSTOMER, customer, null, record));
        return record;
    }

    /** STRATEGIC when the rule says so, else null (the sources' own tier then holds). */
    private CustomerTier computedTier(String customer) {
        IdentityProperties.Strategic rule = properties.strategic();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        IdentityStore.Activity activity = store.activitySummary(customer, today.minusDays(rule.windowDays()),
                rule.revenueCurrency(), today.minusDays(30));
        boolean strategic = activity.orderingRegions() >= rule.minRegions()
                || activity.revenue().compareTo(rule.minRevenue()) >= 0
                || activity.touchpoints() > rule.maxMonthlyTouchpoints();
        return strategic ? CustomerTier.STRATEGIC : null;
    }

    // ------------------------------------------------------------------ helpers

    /** The answer to a redelivered event: its customer now, and the changes it caused again. */
    private Resolution replay(String customerId, String eventId) {
        String customer = active(customerId);
        List<Outgoing> also = new ArrayList<>();
        Set<String> goldenOf = new LinkedHashSet<>();
        goldenOf.add(customer);
        for (IdentityStore.ChangeRow change : store.changesByEvent(eventId)) {
            switch (change.kind()) {
                case "MERGE" -> also.add(new Outgoing(Outgoing.Kind.MERGE, change.customer(), change.other(), null));
                case "UNMERGE" -> {
                    also.add(new Outgoing(Outgoing.Kind.UNMERGE, change.customer(), change.other(), null));
                    goldenOf.add(active(change.other()));
                }
                default -> { }
            }
            goldenOf.add(active(change.customer()));
        }
        for (String id : goldenOf) {
            Customer golden = golden(id);
            if (golden != null) {
                also.add(new Outgoing(Outgoing.Kind.CUSTOMER, id, null, golden));
            }
        }
        return new Resolution(customer, golden(customer), also);
    }

    Customer golden(String customer) {
        return store.customer(customer).map(IdentityStore.CustomerRow::golden).map(g -> store.read(g, Customer.class))
                .orElse(null);
    }

    private String newCustomer(String identityKey, String sourceKey, Instant now) {
        String id = GlobalCustomerIds.fromKey(identityKey);
        Optional<IdentityStore.CustomerRow> taken = store.customer(id);
        if (taken.isPresent() && identityKey.startsWith("tax:") && store.active(id).isPresent()) {
            return store.active(id).get();
        }
        // the id of a code already given to a customer the steward or an unmerge kept apart: the
        // source key gives one of its own (numbered, so that it is the same after a restart)
        for (int n = 1; taken.isPresent(); n++) {
            id = GlobalCustomerIds.fromKey("src:" + sourceKey + (n == 1 ? "" : "#" + n));
            taken = store.customer(id);
        }
        store.createCustomer(id, now);
        return id;
    }

    private String oldest(List<String> customers) {
        return customers.stream().distinct().map(id -> store.customer(id).orElseThrow())
                .min(Comparator.comparing(IdentityStore.CustomerRow::createdAt)
                        .thenComparing(IdentityStore.CustomerRow::id))
                .orElseThrow().id();
    }

    private String uscc(String customer) {
        return store.customer(customer).map(IdentityStore.CustomerRow::uscc).orElse(null);
    }

    String active(String customer) {
        return store.active(customer).orElse(customer);
    }

    private static boolean older(Customer incoming, SourceRow kept) {
        if (incoming.version() != null && kept.version() != null) {
            return incoming.version() < kept.version();
        }
        return incoming.updatedAt() != null && kept.updatedAt() != null && incoming.updatedAt().isBefore(kept.updatedAt());
    }

    static String sourceKey(String region, String system, String sourceId) {
        return Keys.of(region, system, sourceId);
    }

    /** Customers with activity since their tier was last checked; each is checked, and forgotten. */
    List<String> takeTierChecksDue() {
        return tierChecks.takeWaiting();
    }

    /** Rolls back shared work that turned out to change a customer: it is done again, alone. */
    private static final class NeedsExclusive extends RuntimeException {
        NeedsExclusive() {
            super(null, null, false, false);
        }
    }

    /** Runs {@code work} in a transaction, alone. */
    <T> T locked(java.util.function.Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return transaction.execute(status -> {
                store.lockExclusive();
                return work.get();
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code work} in a transaction, beside other shared work but no exclusive one. */
    private <T> T shared(java.util.function.Supplier<T> work) {
        lock.readLock().lock();
        try {
            return transaction.execute(status -> work.get());
        } finally {
            lock.readLock().unlock();
        }
    }
}
