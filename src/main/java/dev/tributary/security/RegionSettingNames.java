package dev.tributary.security;

import java.util.Locale;

/**
 * Names of the per-region secrets and limits in the Spring {@code Environment}, e.g.
 * {@code HUB_REGION_CN_EAST_API_KEY}: an environment variable, or a file of that name read through
 * {@code spring.config.import=optional:configtree:/run/secrets/}.
 */
public final class RegionSettingNames {

    private RegionSettingNames() {
    }

    /** The region's inbound bearer key, e.g. {@code HUB_REGION_CN_EAST_API_KEY}. */
    public static String apiKey(String region) {
        return prefix(region) + "_API_KEY";
    }

    /** The region's HMAC signing secret; when set, the region's requests must be signed. */
    public static String hmacSecret(String region) {
        return prefix(region) + "_HMAC_SECRET";
    }

    /** The region's own ingest rate limit (requests per second), overriding the hub-wide default. */
    public static String ratePerSecond(String region) {
        return prefix(region) + "_RATE_PER_SECOND";
    }

    private static String prefix(String region) {
        return "HUB_REGION_" + region.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
