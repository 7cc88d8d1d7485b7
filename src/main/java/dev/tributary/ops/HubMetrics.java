package dev.tributary.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The hub's event counters, tagged with {@code region} and, where it applies, {@code target}:
 * received (durable at ingest), rejected, delivered, dead-lettered, and redelivered events that a
 * target had already acknowledged. Meters are looked up once
 * per tag combination and kept, since these calls sit on the per-event path.
 */
@Component
public class HubMetrics {

    public static final String RECEIVED = "tributary.events.received";
    public static final String REJECTED = "tributary.events.rejected";
    public static final String DELIVERED = "tributary.events.delivered";
    public static final String DEAD_LETTERED = "tributary.events.deadlettered";
    /** A redelivered event its target had already acknowledged, acknowledged without sending it again. */
    public static final String ACKNOWLEDGED_AGAIN = "tributary.events.redelivered.acknowledged";
    public static final String PARKED = "tributary.dispatch.parked";
    public static final String RETRIED = "tributary.dispatch.retries";
    public static final String NOT_TAKEN = "tributary.dispatch.not.taken";
    public static final String PARKED_CUSTOMERS = "tributary.dispatch.parked.customers";
    public static final String PARKED_EVENTS = "tributary.dispatch.parked.events";
    public static final String PARKED_OLDEST = "tributary.dispatch.parked.oldest.seconds";
    public static final String BREAKER_STATE = "tributary.target.breaker.state";
    public static final String LATENCY = "tributary.delivery.latency";
    /** Records each source handed to intake, by outcome: accepted, repeated, rejected. */
    public static final String INTAKE = "tributary.intake.records";
    /** Accepted events that carry data-quality warnings (a phone kept as written, …). */
    public static final String WARNED = "tributary.intake.warned";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String region) {
        counter(RECEIVED, "region", region).increment();
    }

    public void intake(String region, String source, String outcome) {
        counter(INTAKE, "region", region, "source", source, "outcome", outcome).increment();
    }

    public void warned(String region, String source) {
        counter(WARNED, "region", region, "source", source).increment();
    }

    public void rejected(String region, String stage) {
        counter(REJECTED, "region", region, "stage", stage).increment();
    }

    /** One delivery to a target, {@code sinceReceived} after ingest made the event durable. */
    public void delivered(String region, String target, Duration sinceReceived) {
        counter(DELIVERED, "region", region, "target", target).increment();
        timers.computeIfAbsent(target, t -> Timer.builder(LATENCY).tag("target", t)
                .publishPercentiles(0.5, 0.95, 0.99).register(registry)).record(sinceReceived);
    }

    public void acknowledgedAgain(String region, String target) {
        counter(ACKNOWLEDGED_AGAIN, "region", region, "target", target).increment();
    }

    public void deadLettered(String region, String target) {
        counter(DEAD_LETTERED, "region", region, "target", target).increment();
    }

    /** An event a target could not take yet, parked (with its customer's later ones) for a retry. */
    public void parked(String target) {
        counter(PARKED, "target", target).increment();
    }

    /** A retry of a parked event, by its outcome (delivered, permanent, transient, exhausted). */
    public void retried(String target, String outcome) {
        counter(RETRIED, "target", target, "outcome", outcome).increment();
    }

    /** An event of a collection the target takes none of (an ERP and opportunities). */
    public void notTaken(String target, String collection) {
        counter(NOT_TAKEN, "target", target, "collection", collection).increment();
    }

    /** A gauge read from {@code value} (a target's breaker state, its parked customers). */
    public void gauge(String name, String target, java.util.function.Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).tag("target", target).register(registry);
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags),
                key -> Counter.builder(name).tags(tags).register(registry));
    }
}
