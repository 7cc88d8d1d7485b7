package dev.tributary.adapter.fxiaoke;

import dev.tributary.config.RegionSources;
import dev.tributary.ingest.Intake;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One {@link FxiaokePoller} per source that {@code config/regions.yml} declares with
 * {@code adapter: fxiaoke}; the timer routes ({@link FxiaokeRoutes}) and operators trigger them by
 * region and source name.
 */
@Component
public class FxiaokePollers {

    /** How a poll ended. */
    public enum Outcome {
        /** every object was read up to now, each page handed to intake and its watermark stored */
        COMPLETED,
        /** a poll of this source was running already; nothing was done */
        SKIPPED,
        /** Fxiaoke answered with an error (after any backoff); the watermark stayed where it was */
        FAILED,
        /** intake could not take the page; it is asked for again next poll */
        INTAKE_UNAVAILABLE
    }

    private final Map<String, FxiaokePoller> pollers = new LinkedHashMap<>();
    private final Map<String, FxiaokeSettings> settings = new LinkedHashMap<>();
    private final List<RegionSources.Declared> declared;

    FxiaokePollers(RegionSources sources, Intake intake, Watermarks watermarks, MeterRegistry registry) {
        FxiaokeMapping mapping = new FxiaokeMapping();
        declared = sources.using(FxiaokeMapping.ADAPTER);
        for (RegionSources.Declared source : declared) {
            FxiaokeSettings s = sources.settings(source, FxiaokeSettings.class);
            FxiaokeMetrics metrics = new FxiaokeMetrics(registry, source.region(), source.source());
            FxiaokeClient client = new FxiaokeClient(s, FxiaokeMapping.objectMapper(), Clock.systemUTC(), metrics::backoff);
            pollers.put(key(source.region(), source.source()), new FxiaokePoller(source.region(), source.source(), s,
                    client, mapping, intake, watermarks, metrics));
            settings.put(key(source.region(), source.source()), s);
        }
    }

    /** Polls {@code source} of {@code region} now, unless a poll of it is running. */
    public Outcome poll(String region, String source) {
        FxiaokePoller poller = pollers.get(key(region, source));
        if (poller == null) {
            throw new IllegalArgumentException("no fxiaoke source '" + source + "' in region '" + region + "'");
        }
        return poller.poll();
    }

    /** The declared Fxiaoke sources, by region then source. */
    public List<RegionSources.Declared> sources() {
        return declared;
    }

    FxiaokeSettings settings(RegionSources.Declared source) {
        return settings.get(key(source.region(), source.source()));
    }

    private static String key(String region, String source) {
        return region + "/" + source;
    }
}
