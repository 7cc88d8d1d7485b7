package dev.tributary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.canonical.Customer;
import dev.tributary.ingest.IngestNormalisation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pairwise precision and recall of identity resolution against the truth of a generated fixture
 * of more than 10,000 source customers (true duplicates across regions and hard negatives; see
 * {@link CustomerFixture}), each normalised as ingest does and resolved on a real database; and a
 * restart in the middle of the load, with the events in flight delivered again, changes nothing.
 */
class MatchingQualityTest {

    static final long SEED = 20261130L;
    static final int COMPANIES = 6500;
    static final Map<String, String> REGION_COUNTRIES = Map.of("cn-east", "CN", "cn-south", "CN", "cn-north", "CN",
            "hk", "HK", "eu-west", "NL", "us-west", "US");

    private static List<CustomerFixture.Source> fixture;
    private static List<Customer> records;

    @BeforeAll
    static void generate() {
        fixture = CustomerFixture.generate(SEED, COMPANIES);
        records = fixture.stream().map(s -> asIngested(s.record())).toList();
    }

    @Test
    void should_find_the_true_duplicates_with_precision_099_and_recall_095() {
        IdentityDatabase db = new IdentityDatabase("quality");
        IdentityResolver resolver = db.resolver();
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ids.add(resolver.resolve(records.get(i), "evt-" + i).globalCustomerId());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Quality quality = Quality.of(fixture, partition(resolver, ids));
        long pending = db.store.countPairs("PENDING");
        System.out.printf("identity quality: %d source customers of %d companies resolved in %.1f s (%.0f/s);"
                        + " precision %.4f, recall %.4f (%d true pairs, %d found, %d wrong); %d pairs for the steward%n",
                records.size(), COMPANIES, seconds, records.size() / seconds, quality.precision(), quality.recall(),
                quality.truePairs, quality.foundPairs, quality.foundPairs - quality.rightPairs, pending);
        quality.examples(fixture, records).forEach(System.out::println);

        assertThat(records).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(quality.precision()).as("pairwise precision").isGreaterThanOrEqualTo(0.99);
        assertThat(quality.recall()).as("pairwise recall").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void should_resolve_the_same_after_a_restart_in_the_middle_with_the_events_in_flight_redelivered() {
        IdentityDatabase straight = new IdentityDatabase("straight");
        IdentityResolver once = straight.resolver();
        List<String> idsOnce = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            idsOnce.add(once.resolve(records.get(i), "evt-" + i).globalCustomerId());
        }

        IdentityDatabase restarted = new IdentityDatabase("restarted");
        IdentityResolver before = restarted.resolver();
        int crashAt = records.size() / 2;
        for (int i = 0; i < crashAt; i++) {
            before.resolve(records.get(i), "evt-" + i);
        }
        // the hub stops; what the broker had not seen committed (the last batches) comes again
        IdentityResolver after = restarted.resolver();
        List<String> idsRestarted = new ArrayList<>();
        for (int i = crashAt - 256; i < crashAt; i++) {
            after.resolve(records.get(i), "evt-" + i);
        }
        for (int i = 0; i < records.size(); i++) {
            String id = i < crashAt ? restarted.store.customerOf(key(records.get(i))).orElseThrow()
                    : after.resolve(records.get(i), "evt-" + i).globalCustomerId();
            idsRestarted.add(id);
        }

        assertThat(partition(after, idsRestarted)).as("customers after a restart")
                .isEqualTo(partition(once, idsOnce));
    }

    @Test
    void should_resolve_nearly_the_same_customers_in_another_order_and_as_well() {
        IdentityDatabase straight = new IdentityDatabase("in-order");
        IdentityResolver once = straight.resolver();
        List<String> inOrder = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            inOrder.add(once.resolve(records.get(i), "evt-" + i).globalCustomerId());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(SEED));
        IdentityDatabase shuffled = new IdentityDatabase("shuffled");
        IdentityResolver other = shuffled.resolver();
        for (int i : order) {
            other.resolve(records.get(i), "evt-" + i);
        }
        List<String> shuffledIds = new ArrayList<>();
        for (Customer record : records) {
            shuffledIds.add(shuffled.store.customerOf(key(record)).orElseThrow());
        }
        List<Integer> a = partition(once, inOrder);
        List<Integer> b = partition(other, shuffledIds);
        long differ = java.util.stream.IntStream.range(0, a.size()).filter(i -> !a.get(i).equals(b.get(i))).count();
        Quality quality = Quality.of(fixture, b);
        System.out.printf("identity order: %d of %d records in another customer when the records come shuffled;"
                + " precision %.4f, recall %.4f%n", differ, a.size(), quality.precision(), quality.recall());

        // matching is greedy where codes or cities contradict (which of two customers a record joins
        // depends on which it met first): a few records, never the quality
        assertThat(differ).as("records resolved otherwise").isLessThanOrEqualTo(a.size() / 100);
        assertThat(quality.precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(quality.recall()).isGreaterThanOrEqualTo(0.95);
    }

    // ------------------------------------------------------------------ helpers

    /** Pairwise precision and recall of a partition (record index -> cluster label) against the truth. */
    static double[] quality(List<CustomerFixture.Source> fixture, List<Integer> labels) {
        Quality quality = Quality.of(fixture, labels);
        return new double[] {quality.precision(), quality.recall()};
    }

    /** The record as ingest would queue it: normalised in the JSON form, read back. */
    static Customer asIngested(Customer customer) {
        try {
            String region = customer.primarySource().region();
            JsonNode data = IdentityDatabase.MAPPER.valueToTree(customer);
            IngestNormalisation.normalise(data, region, REGION_COUNTRIES.get(region));
            return IdentityDatabase.MAPPER.treeToValue(data, Customer.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(Customer c) {
        return IdentityResolver.sourceKey(c.primarySource().region(), c.primarySource().system(),
                c.primarySource().sourceId());
    }

    /** Record index -> a canonical cluster label (the smallest index in its cluster), order-free. */
    private static List<Integer> partition(IdentityResolver resolver, List<String> ids) {
        Map<String, Integer> first = new HashMap<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String active = resolver.active(ids.get(i));
            labels.add(first.computeIfAbsent(active, k -> labels.size()));
        }
        return labels;
    }

    /** Pair counts: in one true company, put in one customer, and both. */
    private record Quality(long truePairs, long foundPairs, long rightPairs, List<Integer> labels) {

        static Quality of(List<CustomerFixture.Source> fixture, List<Integer> labels) {
            Map<String, Long> byCompany = new HashMap<>();
            Map<Integer, Long> byCluster = new HashMap<>();
            Map<String, Long> byBoth = new HashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                byCompany.merge(fixture.get(i).company(), 1L, Long::sum);
                byCluster.merge(labels.get(i), 1L, Long::sum);
                byBoth.merge(fixture.get(i).company() + "#" + labels.get(i), 1L, Long::sum);
            }
            return new Quality(pairs(byCompany), pairs(byCluster), pairs(byBoth), labels);
        }

        double precision() {
            return foundPairs == 0 ? 1 : (double) rightPairs / foundPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : (double) rightPairs / truePairs;
        }

        /** A few wrongly joined and wrongly separated records, to see why. */
        List<String> examples(List<CustomerFixture.Source> fixture, List<Customer> records) {
            List<String> lines = new ArrayList<>();
            Map<Integer, Integer> firstOfCluster = new HashMap<>();
            Map<String, Integer> firstOfCompany = new HashMap<>();
            int wrongJoins = 0;
            int misses = 0;
            for (int i = 0; i < labels.size(); i++) {
                Integer other = firstOfCluster.putIfAbsent(labels.get(i), i);
                if (other != null && !fixture.get(other).company().equals(fixture.get(i).company()) && wrongJoins++ < 8) {
                    lines.add("  joined, not one company: " + describe(records.get(other)) + "  <->  "
                            + describe(records.get(i)));
                }
                Integer same = firstOfCompany.putIfAbsent(fixture.get(i).company(), i);
                if (same != null && !labels.get(same).equals(labels.get(i)) && misses++ < 12) {
                    lines.add("  missed, one company: " + describe(records.get(same)) + "  <->  "
                            + describe(records.get(i)));
                }
            }
            return lines;
        }

        private static String describe(Customer c) {
            return c.legalName() + " [" + c.unifiedSocialCreditCode() + "/" + c.taxId() + ", " + c.country() + ", "
                    + c.city() + ", " + c.contacts().stream().map(x -> x.phone() + " " + x.email()).toList() + "]";
        }

        private static long pairs(Map<?, Long> counts) {
            return counts.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
        }
    }
}
