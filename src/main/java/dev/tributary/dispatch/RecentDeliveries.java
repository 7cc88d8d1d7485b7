package dev.tributary.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events one target has recently acknowledged, so that a redelivery of one of them is not sent
 * again. Consumers commit several messages per broker transaction; when the transaction cannot be
 * settled (the database down while an event is parked, the broker gone before the commit), it
 * rolls back and the broker redelivers the already delivered events too. Sending them again would
 * be harmless to an idempotent target but would replay an older state after a newer one
 * (v1, v2, v1, v2). Held in memory only: after a restart a redelivered event is sent
 * again, as it always was; so is one that comes back after more newer deliveries than the
 * capacity (a target down for long), which an idempotent target absorbs.
 */
final class RecentDeliveries {

    private final Map<String, Boolean> delivered;

    /** Remembers the target's last {@code capacity} deliveries. */
    RecentDeliveries(int capacity) {
        this.delivered = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    void delivered(String eventId) {
        if (eventId != null) {
            synchronized (delivered) {
                delivered.put(eventId, Boolean.TRUE);
            }
        }
    }

    boolean wasDelivered(String eventId) {
        if (eventId == null) {
            return false;
        }
        synchronized (delivered) {
            return delivered.containsKey(eventId);
        }
    }
}
