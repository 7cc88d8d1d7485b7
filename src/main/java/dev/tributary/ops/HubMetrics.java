package dev.tributary.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The hub's event counters, tagged with {@code region} and, where it applies, {@code target}:
 * received (durable at ingest), rejected, delivered and dead-lettered.
 */
@Component
public class HubMetrics {

    public static final String RECEIVED = "tributary.events.received";
    public static final String REJECTED = "tributary.events.rejected";
    public static final String DELIVERED = "tributary.events.delivered";
    public static final String DEAD_LETTERED = "tributary.events.deadlettered";
    public static final String LATENCY = "tributary.delivery.latency";

    private final MeterRegistry registry;

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String region) {
        counter(RECEIVED, region).increment();
    }

    public void rejected(String region, String stage) {
        Counter.builder(REJECTED).tag("region", region).tag("stage", stage).register(registry).increment();
    }

    /** One delivery to a target, {@code sinceReceived} after ingest made the event durable. */
    public void delivered(String region, String target, Duration sinceReceived) {
        counter(DELIVERED, region, target).increment();
        Timer.builder(LATENCY).tag("target", target).publishPercentileHistogram()
                .register(registry).record(sinceReceived);
    }

    public void deadLettered(String region, String target) {
        counter(DEAD_LETTERED, region, target).increment();
    }

    private Counter counter(String name, String region) {
        return Counter.builder(name).tag("region", region).register(registry);
    }

    private Counter counter(String name, String region, String target) {
        return Counter.builder(name).tag("region", region).tag("target", target).register(registry);
    }
}
