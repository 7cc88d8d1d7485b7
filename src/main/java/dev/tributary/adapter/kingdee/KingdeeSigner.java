package dev.tributary.adapter.kingdee;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The app-secret "auth version 2.0" headers the Kingdee SDKs put on every call, computed afresh for
 * each call (no session): {@code X-Api-Signature} over the URL-encoded path and the timestamp/nonce,
 * {@code X-Kd-Signature} over the app id and app data. Stateless, so safe from any thread.
 */
final class KingdeeSigner {

    /** The SDKs unmask the app id's second part with this fixed key (Java and .NET SDKs, UTF-8 bytes). */
    private static final byte[] SECRET_MASK = "0054f397c6234378b09ca7d3e5debce7".getBytes(StandardCharsets.US_ASCII);
    private static final int MASKED_SECRET_LENGTH = 32;

    private final KingdeeSettings settings;
    private final String clientId;
    private final String clientSecret;
    private final String appData;

    KingdeeSigner(KingdeeSettings settings) {
        this.settings = settings;
        String appId = settings.appId() == null ? "" : settings.appId();
        int underscore = appId.indexOf('_');
        this.clientId = underscore < 0 ? appId : appId.substring(0, underscore);
        String masked = underscore < 0 ? "" : appId.substring(underscore + 1);
        // an app id without a masked part (older tenants) signs the gateway header with the app secret itself
        this.clientSecret = masked.length() == MASKED_SECRET_LENGTH ? unmask(masked) : nullToEmpty(settings.appSecret());
        this.appData = Base64.getEncoder().encodeToString((settings.acctId() + "," + settings.username() + ","
                + settings.lcid() + "," + settings.orgNumber()).getBytes(StandardCharsets.UTF_8));
    }

    /** The headers of one call to {@code path} (the URL's path, e.g. {@code /k3cloud/Kingdee.BOS...kdsvc}). */
    Map<String, String> headers(String path, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        // the SDKs send the same value as nonce and timestamp
        String nonce = timestamp;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Api-Auth-Version", "2.0");
        headers.put("X-Api-ClientID", clientId);
        headers.put("x-api-timestamp", timestamp);
        headers.put("x-api-nonce", nonce);
        headers.put("x-api-signheaders", "x-api-timestamp,x-api-nonce");
        headers.put("X-Api-Signature", hmacHexBase64(apiSignContent(path, nonce, timestamp), clientSecret));
        headers.put("X-Kd-Appkey", nullToEmpty(settings.appId()));
        headers.put("X-Kd-Appdata", appData);
        headers.put("X-Kd-Signature", hmacHexBase64(nullToEmpty(settings.appId()) + decodedAppData(),
                nullToEmpty(settings.appSecret())));
        return headers;
    }

    /** What {@code X-Api-Signature} signs: method, encoded path, an empty query line, nonce, timestamp. */
    static String apiSignContent(String path, String nonce, String timestamp) {
        return "POST\n" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "\n\nx-api-nonce:" + nonce
                + "\nx-api-timestamp:" + timestamp + "\n";
    }

    /** base64 of the lower-case hex of HMAC-SHA256: the SDKs encode the hex text, not the raw digest. */
    static String hmacHexBase64(String content, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String hex = HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
            return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The gateway secret hidden in the app id's second part: base64-decoded, XOR the mask, base64 again. */
    static String unmask(String masked) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(masked);
        } catch (IllegalArgumentException notBase64) {
            return masked;
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] ^= SECRET_MASK[i % SECRET_MASK.length];
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String decodedAppData() {
        return new String(Base64.getDecoder().decode(appData), StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
