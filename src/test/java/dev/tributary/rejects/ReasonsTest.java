package dev.tributary.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.validation.FieldError;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Proves that the stored reasons are bounded in number and length, and say what was left out. */
class ReasonsTest {

    private static List<FieldError> reasons(int count) {
        return IntStream.range(0, count).mapToObj(i -> new FieldError("data.lines[" + i + "]", "is wrong")).toList();
    }

    @Test
    void should_keep_up_to_a_hundred_reasons_as_they_are() {
        assertThat(Reasons.bounded(reasons(100))).isEqualTo(reasons(100));
        assertThat(Reasons.bounded(null)).isEmpty();
    }

    @Test
    void should_keep_a_hundred_reasons_and_say_how_many_were_left_out() {
        List<FieldError> bounded = Reasons.bounded(reasons(1000));
        assertThat(bounded).hasSize(100);
        assertThat(bounded.subList(0, 99)).isEqualTo(reasons(99));
        assertThat(bounded.get(99)).isEqualTo(new FieldError("(more)", "901 more reasons were left out"));
    }

    @Test
    void should_cut_a_long_message_and_field_at_a_thousand_chars() {
        FieldError reason = Reasons.bounded(List.of(new FieldError("f".repeat(5000), "华".repeat(5000)))).get(0);
        assertThat(reason.field()).hasSize(1000).endsWith("f…");
        assertThat(reason.message()).hasSize(1000).startsWith("华华").endsWith("华…");
        assertThat(Reasons.bounded(List.of(new FieldError("f", "m".repeat(1000)))).get(0).message()).hasSize(1000)
                .doesNotContain("…");
    }
}
