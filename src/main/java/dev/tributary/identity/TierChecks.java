package dev.tributary.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a customer's STRATEGIC rule was last evaluated on the order path, and which customers had
 * activity since without being evaluated (they are checked by a queued command, {@link TierSweep}).
 */
final class TierChecks {

    private final long intervalMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> checkedAt = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> waiting = new ConcurrentHashMap<>();

    TierChecks(Duration interval, Clock clock) {
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    /** True when {@code customer} is to be checked now (and notes that it is); else it waits. */
    boolean due(String customer) {
        long now = clock.millis();
        boolean[] due = {false};
        checkedAt.compute(customer, (k, at) -> {
            if (at == null || now - at >= intervalMillis) {
                due[0] = true;
                return now;
            }
            return at;
        });
        if (due[0]) {
            waiting.remove(customer);
        } else {
            waiting.put(customer, Boolean.TRUE);
        }
        return due[0];
    }

    /**
     * The customers waiting for a check whose last check is an interval old (a busy one is checked
     * by its next order instead), removed; checks older than the interval are forgotten.
     */
    List<String> takeWaiting() {
        long now = clock.millis();
        checkedAt.values().removeIf(at -> now - at >= intervalMillis);
        List<String> due = new ArrayList<>();
        for (String customer : waiting.keySet()) {
            if (!checkedAt.containsKey(customer) && waiting.remove(customer) != null) {
                due.add(customer);
            }
        }
        return due;
    }
}
