package dev.tributary.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves the 统一社会信用代码 check (GB 32100-2015): length, alphabet and check character. */
class UnifiedSocialCreditCodeTest {

    private static final String VALID = "91350100M000100Y43";

    @Test
    void should_accept_a_valid_code() {
        assertThat(UnifiedSocialCreditCode.problem(VALID)).isNull();
        assertThat(UnifiedSocialCreditCode.isValid(VALID)).isTrue();
    }

    @Test
    void should_reject_code_with_wrong_check_character_and_name_the_expected_one() {
        String problem = UnifiedSocialCreditCode.problem("91350100M000100Y44");

        assertThat(problem).isEqualTo("check character is '4' but should be '3': the code is mistyped");
        assertThat(UnifiedSocialCreditCode.isValid("91350100M000100Y44")).isFalse();
    }

    @Test
    void should_name_the_expected_check_character_when_the_last_one_is_outside_the_alphabet() {
        String problem = UnifiedSocialCreditCode.problem("91350100M000100Y4Z");

        assertThat(problem).isEqualTo("check character is 'Z' but should be '3': the code is mistyped");
        assertThat(UnifiedSocialCreditCode.isValid("91350100M000100Y4Z")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433", "9135"})
    void should_reject_code_of_wrong_length(String code) {
        assertThat(UnifiedSocialCreditCode.problem(code))
                .isEqualTo("must have 18 characters, has " + code.length());
    }

    @Test
    void should_reject_empty_or_missing_code() {
        assertThat(UnifiedSocialCreditCode.problem("")).isEqualTo("is empty");
        assertThat(UnifiedSocialCreditCode.problem(null)).isEqualTo("is empty");
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z'})
    void should_reject_code_with_a_forbidden_letter(char letter) {
        String code = "91350100" + letter + "000100Y43";

        assertThat(UnifiedSocialCreditCode.problem(code))
                .startsWith("character 9 '" + letter + "' is not allowed")
                .contains("I, O, S, V, Z");
    }

    @Test
    void should_reject_lower_case_letters() {
        assertThat(UnifiedSocialCreditCode.problem("91350100m000100Y43")).startsWith("character 9 'm' is not allowed");
    }

    @Test
    void should_make_codes_valid_with_the_computed_check_character() {
        for (String first17 : List.of("91350100M000100Y4", "91310000MA1FL0000", "12100000400000000",
                "92440300L12345678", "Y1110108MA01XYQ0R", "00000000000000000")) {
            String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);

            assertThat(UnifiedSocialCreditCode.isValid(code)).as(code).isTrue();
            assertThat(UnifiedSocialCreditCode.ALPHABET).contains(code.substring(17));
        }
    }

    @Test
    void should_compute_check_character_of_the_known_valid_code() {
        assertThat(UnifiedSocialCreditCode.checkCharacter(VALID.substring(0, 17))).isEqualTo('3');
    }

    @Test
    void should_reject_every_other_check_character_for_the_same_body() {
        String body = VALID.substring(0, 17);
        for (char c : UnifiedSocialCreditCode.ALPHABET.toCharArray()) {
            assertThat(UnifiedSocialCreditCode.isValid(body + c)).as(body + c).isEqualTo(c == '3');
        }
    }
}
