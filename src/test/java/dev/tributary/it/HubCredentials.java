package dev.tributary.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The credentials every test hub is started with (set as the same properties an operator sets as
 * environment variables), and the headers that present them. Besides the three regions of
 * {@code config/regions.yml}, the tests add a region that signs its requests, one without any
 * credential and one with a low rate limit.
 */
final class HubCredentials {

    static final Map<String, String> REGION_KEYS = Map.of(
            "cn-east", "it-cn-east-key",
            "cn-south", "it-cn-south-key",
            "eu-west", "it-eu-west-key");

    static final String SIGNED_REGION = "it-signed";
    static final String SIGNED_REGION_KEY = "it-signed-key";
    static final String SIGNED_REGION_SECRET = "it-signed-secret";
    static final String KEYLESS_REGION = "it-keyless";
    static final String THROTTLED_REGION = "it-throttled";
    static final String THROTTLED_REGION_KEY = "it-throttled-key";
    static final int THROTTLED_RATE_PER_SECOND = 2;

    static final String VIEWER = "viewer";
    static final String OPERATOR = "operator";
    static final String ADMIN = "admin";
    static final Map<String, String> PASSWORDS = Map.of(
            VIEWER, "it-viewer-password",
            OPERATOR, "it-operator-password",
            ADMIN, "it-admin-password");

    private HubCredentials() {
    }

    static void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The settings that give a hub these credentials, as an operator would set them. */
    static Map<String, Object> properties() {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        REGION_KEYS.forEach((region, key) -> settings.put(keySetting(region), key));
        settings.put("tributary.regions." + SIGNED_REGION + ".name", "signs its requests");
        settings.put(keySetting(SIGNED_REGION), SIGNED_REGION_KEY);
        settings.put("HUB_REGION_IT_SIGNED_HMAC_SECRET", SIGNED_REGION_SECRET);
        settings.put("tributary.regions." + KEYLESS_REGION + ".name", "has no credential");
        settings.put("tributary.regions." + THROTTLED_REGION + ".name", "has a low rate limit");
        settings.put(keySetting(THROTTLED_REGION), THROTTLED_REGION_KEY);
        settings.put("HUB_REGION_IT_THROTTLED_RATE_PER_SECOND", THROTTLED_RATE_PER_SECOND);
        PASSWORDS.forEach((user, password) ->
                settings.put("HUB_" + user.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD", password));
        return settings;
    }

    /** Every secret in {@link #properties()}: none of them may ever reach a log. */
    static java.util.List<String> secrets() {
        java.util.List<String> secrets = new java.util.ArrayList<>(REGION_KEYS.values());
        secrets.addAll(PASSWORDS.values());
        secrets.addAll(java.util.List.of(SIGNED_REGION_KEY, SIGNED_REGION_SECRET, THROTTLED_REGION_KEY));
        return secrets;
    }

    /**
     * The bearer key a client of {@code region} sends. For a region the tests have no key for (a
     * region that does not exist), a known client's key: such a caller is told the region does not
     * exist, where an unauthenticated one is only told to authenticate.
     */
    static String keyFor(String region) {
        return REGION_KEYS.getOrDefault(region, REGION_KEYS.get("cn-east"));
    }

    static String bearer(String region) {
        return "Bearer " + keyFor(region);
    }

    static String basic(String user) {
        String pair = user + ":" + PASSWORDS.get(user);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String keySetting(String region) {
        return "HUB_REGION_" + region.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_API_KEY";
    }
}
