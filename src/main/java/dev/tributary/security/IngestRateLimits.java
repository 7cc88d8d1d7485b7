package dev.tributary.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One resilience4j rate limiter per region on ingest: {@code HUB_REGION_<ID>_RATE_PER_SECOND}, else
 * {@code HUB_INGEST_RATE_PER_SECOND} requests per second. A request over the limit is refused at
 * once rather than queued, so a noisy region cannot tie up the web server's threads.
 */
@Component
class IngestRateLimits {

    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
    private final Environment environment;
    private final int defaultRate;

    IngestRateLimits(SecurityProperties properties, Environment environment) {
        this.environment = environment;
        this.defaultRate = properties.ingestRatePerSecond();
    }

    /** 0 when {@code region} may send this request now, else the seconds to wait before the next. */
    long secondsToWait(String region) {
        RateLimiter limiter = registry.rateLimiter(region, () -> config(region));
        if (limiter.acquirePermission()) {
            return 0;
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : PERIOD.toNanos();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private RateLimiterConfig config(String region) {
        int rate = environment.getProperty(RegionSettingNames.ratePerSecond(region), Integer.class, defaultRate);
        return RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, rate))
                .limitRefreshPeriod(PERIOD)
                .timeoutDuration(Duration.ZERO)
                .build();
    }
}
