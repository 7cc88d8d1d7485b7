package dev.tributary.security;

import dev.tributary.config.HubProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The inbound credentials of every configured region, read once at startup: the SHA-256 of its
 * bearer key (the key itself is not kept) and its HMAC secret, which has to stay usable to check
 * signatures. A region with neither refuses every request.
 */
@Component
class RegionCredentials {

    private static final Logger log = LoggerFactory.getLogger(RegionCredentials.class);

    private record Credential(byte[] keyHash, byte[] hmacSecret) {
    }

    private final Map<String, Credential> byRegion = new TreeMap<>();

    RegionCredentials(HubProperties properties, Environment environment) {
        properties.regions().forEach((region, settings) -> {
            if (!settings.enabled()) {
                return;
            }
            String key = secret(environment, RegionSettingNames.apiKey(region));
            String hmac = secret(environment, RegionSettingNames.hmacSecret(region));
            byRegion.put(region, new Credential(key == null ? null : sha256(key),
                    hmac == null ? null : hmac.getBytes(StandardCharsets.UTF_8)));
            if (key == null && hmac == null) {
                log.warn("region {} has no credential ({} or {}): every request to it is refused", region,
                        RegionSettingNames.apiKey(region), RegionSettingNames.hmacSecret(region));
            } else {
                log.info("region {} accepts {}", region, hmac != null ? "HMAC-signed requests" : "its bearer key");
            }
        });
    }

    /** Whether {@code region} is configured and enabled. */
    boolean isKnown(String region) {
        return region != null && byRegion.containsKey(region);
    }

    /**
     * The region whose bearer key this is, or null. Every region's hash is compared in constant
     * time and the loop never stops early, so the answer's timing says nothing about the key.
     */
    String regionOfKey(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        String found = null;
        for (Map.Entry<String, Credential> entry : byRegion.entrySet()) {
            byte[] expected = entry.getValue().keyHash();
            if (expected != null && MessageDigest.isEqual(expected, presented) && found == null) {
                found = entry.getKey();
            }
        }
        return found;
    }

    /** The region's HMAC secret, or null when its requests need no signature. */
    byte[] hmacSecret(String region) {
        Credential credential = byRegion.get(region);
        return credential == null ? null : credential.hmacSecret();
    }

    private static String secret(Environment environment, String name) {
        // a secret read from a file often ends with a newline; no key or secret has outer spaces
        String value = environment.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
