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

    /** Counts of one region; delivered and dead-lettered are per target. */
    public record RegionStats(long received, long rejected, Map<String, Long> delivered, Map<String, Long> deadLettered) {
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
                    perTarget(HubMetrics.DELIVERED, region), perTarget(HubMetrics.DEAD_LETTERED, region)));
        }
        return result;
    }

    private long sum(String name, String region) {
        return (long) registry.find(name).tag("region", region).counters().stream().mapToDouble(Counter::count).sum();
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
