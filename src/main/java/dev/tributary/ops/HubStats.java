package dev.tributary.ops;

import dev.tributary.config.HubProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Per-region counts read from the hub's counters (since this node started). */
@Component
public class HubStats {

    /**
     * Counts of one region; delivered and dead-lettered are per target; {@code sources} are intake's
     * counts per source (its declared sources and {@code canonical}, the HTTP endpoint).
     */
    public record RegionStats(long received, long rejected, Map<String, Long> delivered, Map<String, Long> deadLettered,
            Map<String, SourceStats> sources) {
    }

    /**
     * Records one source handed to intake: accepted (new events), repeated (already accepted
     * before), rejected, and accepted with data-quality warnings.
     */
    public record SourceStats(long accepted, long repeated, long rejected, long warned) {

        @Override
        public String toString() {
            return "[accepted " + accepted + ", repeated " + repeated + ", rejected " + rejected + ", with warnings "
                    + warned + "]";
        }
    }

    private final MeterRegistry registry;
    private final HubProperties properties;

    HubStats(MeterRegistry registry, HubProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    /** Stats of every configured region, in name order. */
    public Map<String, RegionStats> byRegion() {
        Map<String, RegionStats> result = new LinkedHashMap<>();
        for (String region : new TreeMap<>(properties.regions()).keySet()) {
            result.put(region, new RegionStats(sum(HubMetrics.RECEIVED, region), sum(HubMetrics.REJECTED, region),
                    perTarget(HubMetrics.DELIVERED, region), perTarget(HubMetrics.DEAD_LETTERED, region),
                    perSource(region, properties.regions().get(region))));
        }
        return result;
    }

    private long sum(String name, String region) {
        return (long) registry.find(name).tag("region", region).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Map<String, SourceStats> perSource(String region, HubProperties.Region declared) {
        Map<String, SourceStats> sources = new TreeMap<>();
        declared.sources().forEach((name, source) -> sources.put(name, sourceStats(region, name)));
        registry.find(HubMetrics.INTAKE).tag("region", region).counters()
                .forEach(c -> sources.computeIfAbsent(c.getId().getTag("source"), name -> sourceStats(region, name)));
        return sources;
    }

    private SourceStats sourceStats(String region, String source) {
        return new SourceStats(intake(region, source, "accepted"), intake(region, source, "repeated"),
                intake(region, source, "rejected"), (long) registry.find(HubMetrics.WARNED).tag("region", region)
                        .tag("source", source).counters().stream().mapToDouble(Counter::count).sum());
    }

    private long intake(String region, String source, String outcome) {
        return (long) registry.find(HubMetrics.INTAKE).tag("region", region).tag("source", source)
                .tag("outcome", outcome).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Map<String, Long> perTarget(String name, String region) {
        Map<String, Long> counts = new TreeMap<>();
        properties.targets().forEach((target, t) -> {
            if (t.enabled()) {
                counts.put(target, (long) registry.find(name).tag("region", region).tag("target", target)
                        .counters().stream().mapToDouble(Counter::count).sum());
            }
        });
        return counts;
    }
}
