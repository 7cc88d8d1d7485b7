package dev.tributary.rejects;

import dev.tributary.config.HubProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes rejections older than the retention and, beyond each region's cap, its oldest ones. Each chunk is
 * one short statement of its own, so a purge never holds a long transaction, and several hub nodes
 * can purge one database at once: a row another node deleted first is simply not deleted again.
 */
@Component
class RejectionPurge {

    static final String PURGED = "tributary.rejected.purged";
    static final int CHUNK = 1000;
    private static final Logger log = LoggerFactory.getLogger(RejectionPurge.class);

    private final RejectionStore store;
    private final HubProperties.Rejected settings;
    private final Counter expired;
    private final Counter overCap;
    private volatile boolean closing;

    RejectionPurge(RejectionStore store, HubProperties properties, MeterRegistry registry) {
        this.store = store;
        this.settings = properties.rejected();
        this.expired = Counter.builder(PURGED).tag("reason", "expired")
                .description("rejected records deleted because they were older than the retention").register(registry);
        this.overCap = Counter.builder(PURGED).tag("reason", "cap")
                .description("oldest rejected records deleted to keep the table at its cap").register(registry);
    }

    @Scheduled(fixedDelayString = "${tributary.rejected.purge-interval:1m}",
            initialDelayString = "${tributary.rejected.purge-interval:1m}")
    void run() {
        try {
            purge(Instant.now());
        } catch (DataAccessException e) {
            // another node may hold the rows, or the database is away: the next run continues
            log.warn("purge of rejected records stopped early: {}", e.getMessage());
        }
    }

    /** A purge under way stops after its current chunk, so that it does not hold up the hub's shutdown. */
    @EventListener(ContextClosedEvent.class)
    void onClose() {
        closing = true;
    }

    /** Purges once; answers how many rows were deleted. */
    long purge(Instant now) {
        long byAge = 0;
        int deleted;
        do {
            deleted = store.deleteReceivedBefore(now.minus(settings.retention()), CHUNK);
            byAge += deleted;
            expired.increment(deleted);
        } while (deleted == CHUNK && !closing);

        // the cap is per region, so a region flooding its rejects cannot push out another's
        long byCap = 0;
        for (String region : store.regions()) {
            OptionalLong newestOver = store.newestBeyond(region, settings.maxRows());
            while (newestOver.isPresent() && !closing) {
                deleted = store.deleteUpTo(region, newestOver.getAsLong(), CHUNK);
                byCap += deleted;
                overCap.increment(deleted);
                if (deleted < CHUNK) {
                    break;
                }
            }
        }
        if (byAge + byCap > 0) {
            log.info("purged {} rejected records older than {} and {} beyond the cap of {} per region",
                    byAge, settings.retention(), byCap, settings.maxRows());
        }
        return byAge + byCap;
    }
}
