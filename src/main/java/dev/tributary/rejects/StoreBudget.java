package dev.tributary.rejects;

import dev.tributary.config.HubProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How many rejections a region may add to the store per minute, so that a flood of bad input
 * (500 rejected items a request) cannot fill the disk between two purges. A rejection beyond the
 * budget is still answered to its sender with every reason; it is counted in
 * {@code tributary.rejected.unstored} instead of being stored.
 */
@Component
class StoreBudget {

    static final String UNSTORED = "tributary.rejected.unstored";
    private static final Logger log = LoggerFactory.getLogger(StoreBudget.class);

    private final RateLimiterConfig config;
    private final MeterRegistry registry;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();

    StoreBudget(HubProperties properties, MeterRegistry registry) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(properties.rejected().storedPerMinute())
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build();
        this.registry = registry;
    }

    /** Whether one more rejection of {@code region} may be stored now. */
    boolean tryStore(String region) {
        if (limiters.computeIfAbsent(region, r -> RateLimiter.of("rejected-" + r, config)).acquirePermission()) {
            return true;
        }
        Counter.builder(UNSTORED).tag("region", region).register(registry).increment();
        Instant now = Instant.now();
        Instant last = lastWarned.get(region);
        if (last == null || last.isBefore(now.minusSeconds(60))) {
            lastWarned.put(region, now);
            log.warn("region {} used up its budget of {} stored rejections per minute; further ones are answered"
                    + " to their sender but not stored", region, config.getLimitForPeriod());
        }
        return false;
    }
}
