package dev.tributary.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Proves that text is cut on code point boundaries to a byte or char size, and made storable. */
class TextTest {

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void should_keep_text_that_fits_exactly() {
        assertThat(Text.cutToUtf8Bytes("abcd", 4)).isEqualTo("abcd");
        assertThat(Text.cutToUtf8Bytes("华东", 6)).isEqualTo("华东");
        assertThat(Text.cutToUtf8Bytes("a😀", 5)).isEqualTo("a😀");
    }

    @Test
    void should_cut_chinese_text_before_a_character_that_would_not_fit() {
        // 3 bytes each: 4 bytes hold one character, 5 still one, 6 two
        assertThat(Text.cutToUtf8Bytes("华东精密", 4)).isEqualTo("华");
        assertThat(Text.cutToUtf8Bytes("华东精密", 5)).isEqualTo("华");
        assertThat(Text.cutToUtf8Bytes("华东精密", 6)).isEqualTo("华东");
        assertThat(Text.cutToUtf8Bytes("ab华东", 4)).isEqualTo("ab");
    }

    @Test
    void should_never_split_an_emoji_surrogate_pair() {
        // 😀 is a surrogate pair in Java and 4 bytes in UTF-8
        assertThat(Text.cutToUtf8Bytes("a😀b", 4)).isEqualTo("a");
        assertThat(Text.cutToUtf8Bytes("a😀b", 5)).isEqualTo("a😀");
        assertThat(Text.cutToUtf8Bytes("😀😀", 7)).isEqualTo("😀");
        assertThat(Text.cutToChars("ab😀", 3)).isEqualTo("ab");
        assertThat(Text.cutToChars("ab😀", 4)).isEqualTo("ab😀");
        assertThat(Text.cutToChars("ab😀c", 4)).isEqualTo("ab😀");
    }

    @Test
    void should_cut_to_nothing_when_nothing_fits() {
        assertThat(Text.cutToUtf8Bytes("华", 2)).isEmpty();
        assertThat(Text.cutToUtf8Bytes("abc", 0)).isEmpty();
        assertThat(Text.cutToChars("abc", 0)).isEmpty();
    }

    @Test
    void should_replace_nul_and_unpaired_surrogates_which_postgresql_cannot_store() {
        assertThat(Text.storable("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(Text.storable("a\uD83Db")).isEqualTo("a\uFFFDb");
        assertThat(Text.storable("a\uDE00b")).isEqualTo("a\uFFFDb");
        assertThat(Text.storable("end\uD83D")).isEqualTo("end\uFFFD");
        String clean = "ok 😀 华";
        assertThat(Text.storable(clean)).isSameAs(clean);
        // the replacement takes 3 bytes, and the cut counts it so
        assertThat(Text.cutToUtf8Bytes("a\u0000b", 3)).isEqualTo("a");
        assertThat(Text.cutToUtf8Bytes("a\u0000b", 4)).isEqualTo("a\uFFFD");
        assertThat(Text.cutToChars("x".repeat(5) + "\u0000", 10)).isEqualTo("xxxxx\uFFFD");
    }

    /** Random text mixing ASCII, 2- and 3-byte characters, emoji, NUL and unpaired surrogates. */
    private static String mixed(Random random) {
        String[] pieces = {"a", "Z", "é", "华", "东", "😀", "🇨🇳", "\0", "\uD83D", "\uDE00", " "};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    @Test
    void should_cut_to_the_longest_storable_prefix_within_the_limit() {
        Random random = new Random(20261130);
        for (int run = 0; run < 5000; run++) {
            String text = mixed(random);
            int maxBytes = random.nextInt(64);
            String cut = Text.cutToUtf8Bytes(text, maxBytes);
            assertThat(utf8(cut)).as(text).isLessThanOrEqualTo(maxBytes);
            assertThat(Text.storable(text)).as(text).startsWith(cut);
            assertThat(Text.storable(cut)).isEqualTo(cut);
            if (cut.length() < text.length()) {
                int next = Character.charCount(text.codePointAt(cut.length()));
                String longer = Text.storable(text.substring(0, cut.length() + next));
                assertThat(utf8(longer)).as("one more code point of %s would not fit in %d", text, maxBytes)
                        .isGreaterThan(maxBytes);
            }
        }
    }

    @Test
    void should_cut_to_at_most_the_given_chars_without_splitting_a_pair() {
        Random random = new Random(20261130);
        for (int run = 0; run < 5000; run++) {
            String text = mixed(random);
            int maxChars = random.nextInt(64);
            String cut = Text.cutToChars(text, maxChars);
            assertThat(cut.length()).as(text).isLessThanOrEqualTo(maxChars)
                    .isGreaterThanOrEqualTo(Math.min(text.length(), maxChars) - 1);
            assertThat(Text.storable(text)).as(text).startsWith(cut);
        }
    }
}
