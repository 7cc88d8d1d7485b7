package dev.tributary.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves that phone numbers and e-mail addresses are masked in text, and ids, dates and counts are not. */
class PersonalDataTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "call +8613800138001 now | call +***********01 now",
        "tel 0431-22576948 | tel ****-******48",
        "(021)6234 5678 | (***)**** **78",
        "+86 10 8251 8201 | +** ** **** **01",
        "mail wang.wei@huadong-jx.cn please | mail w***@huadong-jx.cn please",
        "张三 <li.na@example.com.cn> | 张三 <l***@example.com.cn>",
    })
    void should_mask_phones_and_emails(String text, String masked) {
        assertThat(PersonalData.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "region cn-east: received 16, rejected 1, delivered {crm=16, erp=16}",
        "event 3f2b6c1e-1234-5678-9abc-def012345678 dead-lettered",
        "customer GC-0123456789ABCDEF",
        "at 2026-11-30 08:10:31.405",
        "2026-11-30T08:10:31Z",
        "forgot 12345 ids older than PT720H",
        "order cn-east.fxiaoke.SO-1234567-8",
    })
    void should_leave_ids_dates_and_counts_alone(String text) {
        assertThat(PersonalData.mask(text)).isEqualTo(text);
    }
}
