package dev.tributary.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.AuthenticationException;

/**
 * Wrong passwords per caller address: each costs a bcrypt check, so beyond {@code perMinute}
 * failures in a minute an address is refused at once, without a check, until the minute is over.
 */
final class FailedLogins {

    /** An address that failed too often; answered 429 without checking its password. */
    static final class TooMany extends AuthenticationException {
        TooMany() {
            super("too many wrong passwords from this address");
        }
    }

    /** Addresses remembered at most; beyond, the record starts afresh (it only ever delays a check). */
    private static final int MAX_ADDRESSES = 10_000;

    private final RateLimiterConfig config;
    private final Map<String, RateLimiter> failures = new ConcurrentHashMap<>();

    FailedLogins(int perMinute) {
        this.config = RateLimiterConfig.custom().limitForPeriod(perMinute).limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO).build();
    }

    /** Whether {@code address} used up its wrong passwords for this minute. */
    boolean blocked(String address) {
        RateLimiter limiter = failures.get(address);
        return limiter != null && limiter.getMetrics().getAvailablePermissions() <= 0;
    }

    /** Counts a wrong password from {@code address}. */
    void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();
        }
        failures.computeIfAbsent(address, a -> RateLimiter.of("logins-" + a, config)).acquirePermission();
    }
}
