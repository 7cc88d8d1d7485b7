package dev.tributary.adapter.sap;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetAdapter;
import dev.tributary.targets.TargetAdapterFactory;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One event per call sequence (lookup, then deep insert or PATCH); no {@code $batch} yet, so
 * {@link #maxBatch()} is 1. Takes customers, orders, merges and unmerges; no opportunities.
 */
class SapAdapter implements TargetAdapter {

    private static final Logger log = LoggerFactory.getLogger(SapAdapter.class);

    @Component
    static class Factory implements TargetAdapterFactory {

        @Override
        public String adapter() {
            return SapMapping.ADAPTER;
        }

        @Override
        public TargetAdapter create(TargetContext context) {
            SapSettings settings = context.settings(SapSettings.class);
            context.require("user", settings.user(), "password", settings.password());
            return new SapAdapter(context, settings);
        }
    }

    private final String target;
    private final SapFlow flow;
    private final ODataSession session;

    SapAdapter(TargetContext context, SapSettings settings) {
        this.target = context.target();
        this.flow = new SapFlow(settings, context.json());
        this.session = new ODataSession(context, settings, flow.paths());
    }

    @Override
    public boolean takes(String collection) {
        return SapMapping.takes(collection);
    }

    @Override
    public List<DeliveryOutcome> deliver(List<TargetEvent> events) {
        return events.stream().map(this::deliver).toList();
    }

    private DeliveryOutcome deliver(TargetEvent event) {
        DeliveryOutcome outcome = flow.deliver(event, session);
        if (!outcome.isDelivered()) {
            // ids and codes only: the reason may quote names from the record
            log.debug("target {} event {} ({}/{}): {} {}", target, event.eventId(), event.collection(), event.externalId(),
                    outcome.status(), outcome.code());
        }
        return outcome;
    }
}
