package dev.tributary.adapter.fxiaoke;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The parameters of one Fxiaoke source, bound from {@code tributary.regions.<region>.sources.<source>}
 * (kebab-case there: {@code base-url}, {@code app-secret}, …). {@code startTime} is the first
 * watermark of an object never polled before; {@code invalidTokenCodes} make the client fetch a new
 * token once, {@code rateLimitCodes} back off like HTTP 429.
 */
public record FxiaokeSettings(
        @DefaultValue("https://open.fxiaoke.com") String baseUrl,
        String appId,
        String appSecret,
        String permanentCode,
        String corpId,
        String currentOpenUserId,
        @DefaultValue({"AccountObj", "NewOpportunityObj", "SalesOrderObj"}) List<String> objects,
        @DefaultValue("100") int pageSize,
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("10s") Duration initialDelay,
        @DefaultValue("1970-01-01T00:00:00Z") String startTime,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("5m") Duration tokenRefreshMargin,
        @DefaultValue({"20016", "11014", "20005"}) Set<Integer> invalidTokenCodes,
        @DefaultValue({"14001", "-1"}) Set<Integer> rateLimitCodes,
        @DefaultValue("1s") Duration backoffInitial,
        @DefaultValue("30s") Duration backoffMax,
        @DefaultValue("4") int backoffRetries,
        @DefaultValue("5s") Duration visibilityLag) {

    public FxiaokeSettings {
        objects = objects == null ? List.of() : List.copyOf(objects);
        invalidTokenCodes = invalidTokenCodes == null ? Set.of() : Set.copyOf(invalidTokenCodes);
        rateLimitCodes = rateLimitCodes == null ? Set.of() : Set.copyOf(rateLimitCodes);
    }

    long startMillis() {
        return Instant.parse(startTime).toEpochMilli();
    }
}
