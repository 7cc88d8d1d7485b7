package dev.tributary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Proves that composed keys are unambiguous: different part lists never give the same key. */
class KeysTest {

    @Test
    void should_keep_apart_parts_that_join_to_the_same_text() {
        assertThat(Keys.of("cn-east", "sfdc.O", "1")).isNotEqualTo(Keys.of("cn-east", "sfdc", "O.1"));
        assertThat(Keys.of("a|x", "E")).isNotEqualTo(Keys.of("a", "x|E"));
        assertThat(Keys.of("1:a", "b")).isNotEqualTo(Keys.of("1", "a", "b"));
        assertThat(Keys.of((String) null)).isNotEqualTo(Keys.of(""));
    }

    @Property(tries = 2000)
    void should_give_different_keys_to_different_pairs(@ForAll String a, @ForAll String b, @ForAll String c,
            @ForAll String d) {
        if (!(a.equals(c) && b.equals(d))) {
            assertThat(Keys.of(a, b)).isNotEqualTo(Keys.of(c, d));
        }
    }

    @Property(tries = 2000)
    void should_give_different_keys_when_a_boundary_moves(@ForAll String a, @ForAll String b) {
        String joined = a + b;
        for (int cut = 0; cut <= joined.length(); cut++) {
            String left = joined.substring(0, cut);
            if (!left.equals(a)) {
                assertThat(Keys.of(left, joined.substring(cut))).isNotEqualTo(Keys.of(a, b));
            }
        }
    }
}
