package dev.tributary.security;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Checks a signed request ({@link RequestSignature}): the timestamp within the tolerance of the hub's
 * clock, then the signature of the raw body, compared in constant time.
 */
final class SignatureVerifier {

    private static final String VERSION = RequestSignature.VERSION;
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_MAC = Pattern.compile("[0-9a-fA-F]{64}");

    /** What a check found. */
    enum Outcome { VALID, MALFORMED, STALE, MISMATCH }

    /** The outcome, and for a valid signature the MAC and until when (epoch seconds) it may be replayed. */
    record Result(Outcome outcome, byte[] mac, long replayableUntil) {
        static Result of(Outcome outcome) {
            return new Result(outcome, null, 0);
        }
    }

    private final long toleranceSeconds;
    private final Clock clock;

    SignatureVerifier(Duration tolerance, Clock clock) {
        this.toleranceSeconds = tolerance.toSeconds();
        this.clock = clock;
    }

    /** Checks only the timestamp header, so a stale request is refused before its body is read. */
    Outcome checkTimestamp(String timestamp) {
        if (timestamp == null || !EPOCH_SECONDS.matcher(timestamp).matches()) {
            return Outcome.MALFORMED;
        }
        long distance = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        return distance > toleranceSeconds ? Outcome.STALE : Outcome.VALID;
    }

    /** Checks the timestamp, then the signature of {@code body} with {@code secret}, in constant time. */
    Result verify(byte[] secret, String timestamp, String signature, byte[] body) {
        Outcome time = checkTimestamp(timestamp);
        if (time != Outcome.VALID) {
            return Result.of(time);
        }
        if (signature == null || !signature.startsWith(VERSION)
                || !HEX_MAC.matcher(signature.substring(VERSION.length())).matches()) {
            return Result.of(Outcome.MALFORMED);
        }
        byte[] presented = HexFormat.of().parseHex(signature.substring(VERSION.length()));
        byte[] expected = RequestSignature.mac(secret, timestamp, body);
        if (!MessageDigest.isEqual(expected, presented)) {
            return Result.of(Outcome.MISMATCH);
        }
        return new Result(Outcome.VALID, expected, Long.parseLong(timestamp) + toleranceSeconds);
    }
}
