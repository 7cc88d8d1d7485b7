package dev.tributary.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Proves the signing contract: what the README's openssl one-liner signs is accepted, and nothing else. */
class SignatureVerifierTest {

    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String NOW = "1700000000";
    /** printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret */
    private static final String OPENSSL_SIGNATURE = "v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940";

    private final SignatureVerifier verifier = new SignatureVerifier(Duration.ofSeconds(300),
            Clock.fixed(Instant.ofEpochSecond(Long.parseLong(NOW)), ZoneOffset.UTC));

    @Test
    void should_sign_as_openssl_does() {
        assertThat(RequestSignature.sign(SECRET, NOW, BODY)).isEqualTo(OPENSSL_SIGNATURE);
    }

    @Test
    void should_accept_a_valid_signature_and_keep_it_replayable_until_the_timestamp_goes_stale() {
        SignatureVerifier.Result result = verifier.verify(SECRET, NOW, OPENSSL_SIGNATURE, BODY);
        assertThat(result.outcome()).isEqualTo(SignatureVerifier.Outcome.VALID);
        assertThat(result.mac()).hasSize(32);
        assertThat(result.replayableUntil()).isEqualTo(1_700_000_300L);
    }

    @Test
    void should_accept_uppercase_hex() {
        String upper = "v1=" + OPENSSL_SIGNATURE.substring(3).toUpperCase(java.util.Locale.ROOT);
        assertThat(verifier.verify(SECRET, NOW, upper, BODY).outcome()).isEqualTo(SignatureVerifier.Outcome.VALID);
    }

    @Test
    void should_refuse_a_signature_of_another_body_timestamp_or_secret() {
        byte[] other = "{\"a\":2}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(SECRET, NOW, OPENSSL_SIGNATURE, other).outcome())
                .isEqualTo(SignatureVerifier.Outcome.MISMATCH);
        assertThat(verifier.verify(SECRET, "1700000001", OPENSSL_SIGNATURE, BODY).outcome())
                .isEqualTo(SignatureVerifier.Outcome.MISMATCH);
        assertThat(verifier.verify("other".getBytes(StandardCharsets.UTF_8), NOW, OPENSSL_SIGNATURE, BODY).outcome())
                .isEqualTo(SignatureVerifier.Outcome.MISMATCH);
    }

    @Test
    void should_refuse_a_timestamp_outside_the_tolerance_in_either_direction() {
        assertThat(verifier.checkTimestamp("1699999700")).isEqualTo(SignatureVerifier.Outcome.VALID);
        assertThat(verifier.checkTimestamp("1700000300")).isEqualTo(SignatureVerifier.Outcome.VALID);
        assertThat(verifier.checkTimestamp("1699999699")).isEqualTo(SignatureVerifier.Outcome.STALE);
        assertThat(verifier.checkTimestamp("1700000301")).isEqualTo(SignatureVerifier.Outcome.STALE);
        String stale = "1699999000";
        assertThat(verifier.verify(SECRET, stale, RequestSignature.sign(SECRET, stale, BODY), BODY).outcome())
                .isEqualTo(SignatureVerifier.Outcome.STALE);
    }

    @Test
    void should_refuse_malformed_headers() {
        for (String timestamp : new String[] {null, "", "1700000000.5", "+1700000000", " 1700000000", "2023-11-14"}) {
            assertThat(verifier.checkTimestamp(timestamp)).as(timestamp).isEqualTo(SignatureVerifier.Outcome.MALFORMED);
        }
        String hex = OPENSSL_SIGNATURE.substring(3);
        for (String signature : new String[] {null, "", hex, "v2=" + hex, "v1=" + hex.substring(2), "v1=" + hex + "00",
                "v1=" + hex.replace('a', 'g'), "v1= " + hex}) {
            assertThat(verifier.verify(SECRET, NOW, signature, BODY).outcome()).as(signature)
                    .isEqualTo(SignatureVerifier.Outcome.MALFORMED);
        }
    }
}
