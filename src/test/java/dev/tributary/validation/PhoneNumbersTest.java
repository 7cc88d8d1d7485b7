package dev.tributary.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proves how phone numbers as regional tools write them become E.164, and which are kept as written. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} read in {1} → {2} ext {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # Chinese landlines: area code with or without separators, brackets, spaces
            0431-22576948          | CN | +864312257 6948   | null
            (021)6234 5678         | CN | +862162345678     | null
            （０２１）６２３４５６７８ | CN | +862162345678     | null
            010 8251 8201          | CN | +861082518201     | null
            0755-8888 9999         | CN | +8675588889999    | null
            # Chinese landlines with an extension, written in Chinese or as ext.
            0431-22576948 转 8012   | CN | +864312257 6948   | 8012
            021-62345678 分机 12     | CN | +862162345678     | 12
            021-62345678 ext. 305  | CN | +862162345678     | 305
            021-62345678-305       | CN | +862162345678     | 305
            # mobiles, with the country code written as +86, 0086 or 86, and full-width digits
            13800138001            | CN | +8613800138001    | null
            138 0013 8001          | CN | +8613800138001    | null
            +86 138-0013-8001      | CN | +8613800138001    | null
            0086 13800138001       | CN | +8613800138001    | null
            +86 10 8251 8201       | CN | +861082518201     | null
            １３８００１３８００１      | CN | +8613800138001    | null
            ＋８６ １３８ ００１３ ８００１ | CN | +8613800138001    | null
            # 400 service numbers
            400-820-8820           | CN | +864008208820     | null
            4008208820             | CN | +864008208820     | null
            # international numbers keep their own country whatever the record's country
            +49 30 1234567         | CN | +49301234567      | null
            +31 20 794 0000        | CN | +31207940000      | null
            0049 30 1234567        | NL | +49301234567      | null
            020 794 0000           | NL | +31207940000      | null
            (030) 1234567          | DE | +49301234567      | null
            +1 (415) 555-2671      | CN | +14155552671      | null
            +852 2345 6789         | CN | +85223456789      | null
            """)
    void should_write_a_readable_number_in_e164(String written, String country, String e164, String extension) {
        PhoneNumbers.Phone phone = PhoneNumbers.normalise(written, country);

        assertThat(phone.problem()).isNull();
        assertThat(phone.doubt()).as("a number in use").isNull();
        assertThat(phone.e164()).isEqualTo(e164.replace(" ", ""));
        assertThat(phone.extension()).isEqualTo(extension);
    }

    @ParameterizedTest(name = "{0} read in {1} is kept")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            call the front desk    | CN | cannot be read as a phone number
            12                     | CN | is not a possible phone number of country code +86
            021-62345678           | null | cannot be read as a phone number (no country code, and no country to read it by)
            +999 1234 5678         | CN | cannot be read as a phone number
            """)
    void should_keep_a_number_it_cannot_read_and_say_why(String written, String country, String problem) {
        PhoneNumbers.Phone phone = PhoneNumbers.normalise(written, country);

        assertThat(phone.readable()).isFalse();
        assertThat(phone.problem()).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0} read in {1} → {2}, in doubt")
    @CsvSource(delimiter = '|', textBlock = """
            12345678901            | CN | +8612345678901
            """)
    void should_write_a_number_of_the_right_length_that_is_not_in_use_and_say_so(String written, String country,
            String e164) {
        PhoneNumbers.Phone phone = PhoneNumbers.normalise(written, country);

        assertThat(phone.e164()).isEqualTo(e164);
        assertThat(phone.doubt()).startsWith("has the length of a number of country code +86 but is not one in use");
    }
}
