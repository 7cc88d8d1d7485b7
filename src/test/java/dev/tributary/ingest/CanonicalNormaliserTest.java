package dev.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves that codes are written half-width and nothing else about them changes. */
class CanonicalNormaliserTest {

    @Test
    void should_write_full_width_letters_digits_and_signs_half_width() {
        assertThat(CanonicalNormaliser.halfWidth("ＳＯ－２０２６－００１")).isEqualTo("SO-2026-001");
        assertThat(CanonicalNormaliser.halfWidth("１，２３４．５０")).isEqualTo("1,234.50");
        assertThat(CanonicalNormaliser.halfWidth("Ａ　Ｂ")).isEqualTo("A B");
    }

    @Test
    void should_leave_other_compatibility_characters_as_they_are() {
        // NFKC would make these 1, IX, 2 and fi: other codes, not the same code in another width
        assertThat(CanonicalNormaliser.halfWidth("SKU-①")).isEqualTo("SKU-①");
        assertThat(CanonicalNormaliser.halfWidth("Ⅸ-²-ﬁ")).isEqualTo("Ⅸ-²-ﬁ");
        assertThat(CanonicalNormaliser.halfWidth("龙井 250g")).isEqualTo("龙井 250g");
    }
}
