package dev.tributary.ops;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Logs the per-region counts when they have changed, so the flow is visible in the log. */
@Component
class StatsLogger {

    private static final Logger log = LoggerFactory.getLogger(StatsLogger.class);

    private final HubStats stats;
    private Map<String, HubStats.RegionStats> last = Map.of();

    StatsLogger(HubStats stats) {
        this.stats = stats;
    }

    @Scheduled(fixedDelayString = "${tributary.stats.log-interval:10s}", initialDelayString = "${tributary.stats.log-interval:10s}")
    void log() {
        Map<String, HubStats.RegionStats> now = stats.byRegion();
        if (now.equals(last)) {
            return;
        }
        last = now;
        now.forEach((region, s) -> log.info("region {}: received {}, rejected {}, delivered {}, dead-lettered {}, by source {}",
                region, s.received(), s.rejected(), s.delivered(), s.deadLettered(), s.sources()));
    }
}
