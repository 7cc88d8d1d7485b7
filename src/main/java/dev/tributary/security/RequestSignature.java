package dev.tributary.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a client signs an ingest request: {@code X-Tributary-Timestamp: <epoch seconds>} and
 * {@code X-Tributary-Signature: v1=<lowercase hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 */
public final class RequestSignature {

    public static final String TIMESTAMP_HEADER = "X-Tributary-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Tributary-Signature";
    static final String VERSION = "v1=";
    private static final String ALGORITHM = "HmacSHA256";

    private RequestSignature() {
    }

    /** The {@code X-Tributary-Signature} value for {@code body} sent with {@code timestamp}. */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        return VERSION + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    static byte[] mac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
