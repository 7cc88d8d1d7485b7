package dev.tributary.rejects;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the store keeps of a rejected payload: at most {@code maxBytes} UTF-8 bytes of it, plus the
 * size and SHA-256 of the whole payload (UTF-8), so a sender can match the record to what it sent.
 */
record Excerpt(String text, long payloadBytes, String payloadSha256, boolean truncated) {

    static Excerpt of(String payload, int maxBytes) {
        String full = payload == null ? "" : payload;
        byte[] bytes = full.getBytes(StandardCharsets.UTF_8);
        String text = Text.cutToUtf8Bytes(full, maxBytes);
        return new Excerpt(text, bytes.length, sha256Hex(bytes), text.length() < full.length());
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
