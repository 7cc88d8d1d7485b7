package dev.tributary.security;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the signatures of accepted signed requests until their timestamps go stale, so the same
 * signed request is accepted once. Bounded: when full, the oldest entries go first (they are the
 * nearest to going stale anyway), and a warning says the cache is too small.
 */
final class ReplayGuard {

    private static final Logger log = LoggerFactory.getLogger(ReplayGuard.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final int capacity;
    private final LinkedHashMap<ByteBuffer, Long> seen = new LinkedHashMap<>();
    private Instant lastWarning = Instant.EPOCH;

    ReplayGuard(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /**
     * True the first time {@code mac} is presented; it is then remembered until
     * {@code replayableUntil} (epoch seconds). False for a replay.
     */
    synchronized boolean firstUse(byte[] mac, long replayableUntil, Instant now) {
        long nowSeconds = now.getEpochSecond();
        evictStale(nowSeconds);
        ByteBuffer key = ByteBuffer.wrap(mac.clone());
        Long until = seen.get(key);
        if (until != null && until >= nowSeconds) {
            return false;
        }
        seen.put(key, replayableUntil);
        if (seen.size() > capacity) {
            Iterator<Map.Entry<ByteBuffer, Long>> eldest = seen.entrySet().iterator();
            eldest.next();
            eldest.remove();
            if (now.isAfter(lastWarning.plus(WARN_EVERY))) {
                lastWarning = now;
                log.warn("replay cache full ({} signatures): forgetting signatures before they go stale;"
                        + " raise HUB_REPLAY_CACHE_SIZE", capacity);
            }
        }
        return true;
    }

    /** Forgets a signature, so that the request it signed may come again (it was refused without being read). */
    synchronized void forget(byte[] mac) {
        seen.remove(ByteBuffer.wrap(mac));
    }

    synchronized int size() {
        return seen.size();
    }

    private void evictStale(long nowSeconds) {
        // insertion order is close to expiry order; stopping at the first live entry keeps this O(1)
        Iterator<Long> it = seen.values().iterator();
        while (it.hasNext() && it.next() < nowSeconds) {
            it.remove();
        }
    }
}
