package dev.tributary.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Proves that a payload is kept as a bounded excerpt with the size and SHA-256 of the whole payload. */
class ExcerptTest {

    @Test
    void should_keep_a_small_payload_whole() {
        Excerpt excerpt = Excerpt.of("abc", 4096);
        assertThat(excerpt.text()).isEqualTo("abc");
        assertThat(excerpt.payloadBytes()).isEqualTo(3);
        assertThat(excerpt.payloadSha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(excerpt.truncated()).isFalse();
    }

    @Test
    void should_digest_an_empty_or_missing_payload_as_empty() {
        for (String payload : new String[] {"", null}) {
            Excerpt excerpt = Excerpt.of(payload, 4096);
            assertThat(excerpt.text()).isEmpty();
            assertThat(excerpt.payloadBytes()).isZero();
            assertThat(excerpt.payloadSha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            assertThat(excerpt.truncated()).isFalse();
        }
    }

    @Test
    void should_not_mark_a_payload_of_exactly_the_limit_as_truncated() {
        assertThat(Excerpt.of("x".repeat(4096), 4096).truncated()).isFalse();
        assertThat(Excerpt.of("华".repeat(1365) + "a", 4096).truncated()).isFalse();
        Excerpt over = Excerpt.of("x".repeat(4097), 4096);
        assertThat(over.truncated()).isTrue();
        assertThat(over.text()).hasSize(4096);
    }

    @Test
    void should_cut_a_megabyte_of_multibyte_text_and_digest_all_of_it() {
        String payload = "{\"data\": \"" + "上海华东😀".repeat(80_000) + "\"}";
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Excerpt excerpt = Excerpt.of(payload, 4096);
        assertThat(bytes.length).isGreaterThan(1_000_000);
        assertThat(excerpt.payloadBytes()).isEqualTo(bytes.length);
        assertThat(excerpt.payloadSha256()).isEqualTo(Excerpt.sha256Hex(bytes)).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(excerpt.truncated()).isTrue();
        assertThat(payload).startsWith(excerpt.text());
        int stored = excerpt.text().getBytes(StandardCharsets.UTF_8).length;
        // 10 ASCII bytes, then 4 × 3 + 4 = 16 bytes per repetition: the cut leaves less than one character unused
        assertThat(stored).isLessThanOrEqualTo(4096).isGreaterThan(4096 - 4);
        assertThat(Character.isHighSurrogate(excerpt.text().charAt(excerpt.text().length() - 1))).isFalse();
    }

    @Test
    void should_digest_the_payload_as_given_even_where_the_excerpt_replaces_characters() {
        Excerpt excerpt = Excerpt.of("a\u0000b", 4096);
        assertThat(excerpt.text()).isEqualTo("a\uFFFDb");
        assertThat(excerpt.payloadBytes()).isEqualTo(3);
        assertThat(excerpt.payloadSha256()).isEqualTo(Excerpt.sha256Hex(new byte[] {'a', 0, 'b'}));
        assertThat(excerpt.truncated()).isFalse();
    }
}
