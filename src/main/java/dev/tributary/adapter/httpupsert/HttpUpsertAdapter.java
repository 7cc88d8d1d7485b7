package dev.tributary.adapter.httpupsert;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetAdapter;
import dev.tributary.targets.TargetAdapterFactory;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One event per call: {@code PUT} by external id, classified by the HTTP status. */
class HttpUpsertAdapter implements TargetAdapter {

    /** The longest part of a target's answer quoted in a reason. */
    private static final int MAX_BODY_IN_REASON = 500;

    @Component
    static class Factory implements TargetAdapterFactory {

        @Override
        public String adapter() {
            return HttpUpsertMapping.ADAPTER;
        }

        @Override
        public TargetAdapter create(TargetContext context) {
            return new HttpUpsertAdapter(context);
        }
    }

    private final TargetContext context;

    HttpUpsertAdapter(TargetContext context) {
        this.context = context;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<TargetEvent> events) {
        return events.stream().map(this::deliver).toList();
    }

    private DeliveryOutcome deliver(TargetEvent event) {
        TargetHttp.Response answer;
        try {
            answer = context.http().send("PUT", context.url(HttpUpsertMapping.path(event)),
                    Map.of("Content-Type", "application/json", "Idempotency-Key", event.eventId(),
                            "ce-id", event.eventId()), event.body());
        } catch (IOException e) {
            return TargetHttp.noAnswer(e);
        }
        if (answer.isSuccess()) {
            return DeliveryOutcome.delivered();
        }
        String body = TargetHttp.excerpt(answer.text(), MAX_BODY_IN_REASON);
        return TargetHttp.byStatus(answer, "HTTP " + answer.status(),
                "target answered HTTP " + answer.status() + (body.isEmpty() ? "" : ": " + body), context.clock().instant());
    }
}
