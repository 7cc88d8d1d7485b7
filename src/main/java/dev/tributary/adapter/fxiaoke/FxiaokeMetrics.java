package dev.tributary.adapter.fxiaoke;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The polling sources' meters, tagged with region and source: {@code tributary.source.polls} by
 * outcome, {@code tributary.source.records} handed to intake by vendor object,
 * {@code tributary.source.errors} by kind and {@code tributary.source.backoffs}.
 */
class FxiaokeMetrics {

    static final String POLLS = "tributary.source.polls";
    static final String RECORDS = "tributary.source.records";
    static final String ERRORS = "tributary.source.errors";
    static final String BACKOFFS = "tributary.source.backoffs";

    private final MeterRegistry registry;
    private final String region;
    private final String source;

    FxiaokeMetrics(MeterRegistry registry, String region, String source) {
        this.registry = registry;
        this.region = region;
        this.source = source;
    }

    void poll(String outcome) {
        registry.counter(POLLS, "region", region, "source", source, "adapter", FxiaokeMapping.ADAPTER, "outcome", outcome)
                .increment();
    }

    void records(String object, int count) {
        registry.counter(RECORDS, "region", region, "source", source, "adapter", FxiaokeMapping.ADAPTER, "object", object)
                .increment(count);
    }

    void error(String kind) {
        registry.counter(ERRORS, "region", region, "source", source, "adapter", FxiaokeMapping.ADAPTER, "kind", kind)
                .increment();
    }

    void backoff() {
        registry.counter(BACKOFFS, "region", region, "source", source, "adapter", FxiaokeMapping.ADAPTER).increment();
    }
}
