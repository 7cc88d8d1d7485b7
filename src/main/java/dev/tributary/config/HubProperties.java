package dev.tributary.config;

import dev.tributary.validation.InputLimits;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code tributary.*}; every value has a default in {@code application.yml} and an
 * environment variable to override it (documented in {@code config/README.md}).
 */
@ConfigurationProperties("tributary")
public record HubProperties(
        Map<String, Region> regions,
        Queues queues,
        Ingest ingest,
        Map<String, Target> targets,
        Delivery delivery,
        @DefaultValue Rejected rejected) {

    public HubProperties {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
        regions.keySet().stream().filter(id -> !InputLimits.isRegionId(id)).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException("region id '" + id + "' must be 1-32 lower-case letters, digits or '-'"
                    + " (it is a URL segment and part of every record's key)");
        });
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /**
     * A regional office allowed to send data; the map key is its id in URLs, e.g. {@code cn-east}.
     * {@code country} (ISO 3166-1 alpha-2) reads the local phone numbers of records that name no
     * country; {@code sources} are the region's tools the hub picks data up from, by the name the
     * region gives each (each adapter reads its own parameters under that source's key).
     */
    public record Region(String name, @DefaultValue("true") boolean enabled, String country,
            Map<String, Source> sources) {

        public Region {
            country = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
            sources = sources == null ? Map.of() : Map.copyOf(sources);
        }
    }

    /** A source of a region: which adapter picks it up ({@code distributor-files}, {@code fxiaoke}, …). */
    public record Source(String adapter, @DefaultValue("true") boolean enabled) {
    }

    /**
     * Broker destinations (the inbound queue, the multicast events address), the consumers of the
     * inbound queue, and how the hub's consumers commit: up to {@code commitBatch} messages per
     * broker transaction, committed once no further message arrives within {@code commitGap}.
     */
    public record Queues(
            @DefaultValue("hub.inbound") String inbound,
            @DefaultValue("hub.customer.events") String events,
            @DefaultValue("4") int inboundConsumers,
            @DefaultValue("64") int commitBatch,
            @DefaultValue("1ms") Duration commitGap) {
    }

    /**
     * Limits of the ingest endpoint (body, items, requests read at once, so that the memory the
     * bodies take is bounded), and how long the ingest ledger remembers an event id (a repeat within
     * it is answered, not queued again; other content under it is a conflict).
     */
    public record Ingest(
            @DefaultValue("1048576") int maxBodyBytes,
            @DefaultValue("500") int maxBatch,
            @DefaultValue("30d") Duration dedupeRetention,
            @DefaultValue("8") int maxConcurrent) {
    }

    /**
     * An HQ system that receives canonical events; the map key (crm, erp) names its queue.
     * {@code adapter} picks the target adapter ({@code http-upsert}, {@code salesforce},
     * {@code kingdee-k3cloud}, {@code sap-s4-odata}), which reads its own settings under the same
     * key; {@code rateLimit} caps the calls per second (0: none); {@code breaker} opens the
     * target's circuit when its calls keep failing.
     */
    public record Target(
            @DefaultValue("http-upsert") String adapter,
            String baseUrl,
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration responseTimeout,
            @DefaultValue("16") int consumers,
            @DefaultValue("0") double rateLimit,
            @DefaultValue Breaker breaker) {
    }

    /**
     * A target's circuit breaker (resilience4j, count-based): it opens when at least
     * {@code failureRate} percent of the last {@code window} calls (after {@code minimumCalls})
     * failed as a whole (no answer, 5xx, 429), stays open {@code openFor}, then lets
     * {@code halfOpenCalls} trial calls decide whether it closes.
     */
    public record Breaker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") float failureRate,
            @DefaultValue("20") int window,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("30s") Duration openFor,
            @DefaultValue("3") int halfOpenCalls) {
    }

    /**
     * Retries of a transient delivery failure. The event is parked in the database with its
     * customer's later events for that target behind it (no consumer waits), and retried
     * {@code redeliveryDelay × redeliveryMultiplier^(n−2)} (at most {@code maxRedeliveryDelay},
     * plus up to {@code jitter} of it) before the n-th attempt, or after the target's Retry-After
     * (at most {@code maxRetryAfter}); after {@code maxAttempts} it goes to the dead-letter queue.
     * {@code retryPoll} is how often each target looks for parked customers that are due.
     */
    public record Delivery(
            @DefaultValue("1s") Duration redeliveryDelay,
            @DefaultValue("2.0") double redeliveryMultiplier,
            @DefaultValue("60s") Duration maxRedeliveryDelay,
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("10m") Duration maxRetryAfter,
            @DefaultValue("0.2") double jitter,
            @DefaultValue("250ms") Duration retryPoll) {

        /** How long to wait before the given attempt (1 = first attempt: no wait), without jitter. */
        public Duration delayBeforeAttempt(int attempt) {
            if (attempt <= 1) {
                return Duration.ZERO;
            }
            double millis = redeliveryDelay.toMillis() * Math.pow(redeliveryMultiplier, attempt - 2);
            return Duration.ofMillis((long) Math.min(millis, maxRedeliveryDelay.toMillis()));
        }
    }

    /**
     * The rejected-records store: keeps at most {@code excerptBytes} UTF-8 bytes of each payload
     * (with its size and SHA-256), for {@code retention} and at most {@code maxRows} rows per region,
     * deleting what is older or beyond every {@code purgeInterval}; a region adds at most
     * {@code storedPerMinute} rows a minute.
     */
    public record Rejected(
            @DefaultValue("4096") int excerptBytes,
            @DefaultValue("30d") Duration retention,
            @DefaultValue("20000") long maxRows,
            @DefaultValue("1m") Duration purgeInterval,
            @DefaultValue("6000") int storedPerMinute) {

        public Rejected {
            if (excerptBytes < 0 || maxRows < 0 || storedPerMinute < 1 || retention.isNegative()
                    || purgeInterval.isZero() || purgeInterval.isNegative()) {
                throw new IllegalArgumentException("tributary.rejected: excerpt-bytes and max-rows must be 0 or more,"
                        + " stored-per-minute 1 or more, retention not negative and purge-interval positive");
            }
        }
    }

    /** Queue on the events address that feeds one target, e.g. {@code crm.outbound}. */
    public static String outboundQueue(String target) {
        return target + ".outbound";
    }

    /** Dead-letter queue of one target, e.g. {@code crm.outbound.DLQ}. */
    public static String deadLetterQueue(String target) {
        return outboundQueue(target) + ".DLQ";
    }
}
