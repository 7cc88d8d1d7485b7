package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.validation.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proves how cells are read as numbers and dates, and that every cell the hub writes is safe to open in a spreadsheet. */
class CellsAndSpreadsheetTextTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {"12|12", "１２|12", "'1,234.50'|1234.50", "１，２３４．５０|1234.50", "+5|5", "-5|-5",
        "' 7 '|7", "0.1|0.1", "'''-5'|-5"})
    void should_read_numbers_as_spreadsheets_write_them(String cell, String expected) {
        List<FieldError> problems = new ArrayList<>();
        assertThat(Cells.decimal(cell, "lines[0].quantity", true, problems)).isEqualByComparingTo(expected);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"abc", "=2+3", "1,23", "12件", "1e3", "--5"})
    void should_report_a_cell_that_is_not_a_number_at_its_field(String cell) {
        List<FieldError> problems = new ArrayList<>();
        assertThat(Cells.decimal(cell, "lines[3].unitPrice", true, problems)).isNull();
        assertThat(problems).containsExactly(new FieldError("lines[3].unitPrice",
                "'" + cell + "' is not a number such as 12 or 1,234.50"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"2026-11-03", "2026/11/3", "2026年11月3日", "２０２６年１１月３日", "2026.11.03",
        "2026-11-03 14:30:00", "2026年11月3"})
    void should_read_the_date_forms_chinese_offices_write(String cell) {
        List<FieldError> problems = new ArrayList<>();
        assertThat(Cells.date(cell, "orderDate", problems)).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(problems).isEmpty();
    }

    @Test
    void should_report_dates_that_cannot_be_read_or_do_not_exist() {
        List<FieldError> problems = new ArrayList<>();
        Cells.date("3/11/2026", "orderDate", problems);
        Cells.date("2026-02-30", "orderDate", problems);
        Cells.date(" ", "orderDate", problems);
        assertThat(problems).extracting(FieldError::message).containsExactly(
                "'3/11/2026' is not a date such as 2026-11-03, 2026/11/3 or 2026年11月3日",
                "'2026-02-30' is not a day of the calendar", "is empty");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"13%, 0.13", "0.13, 0.13", "13, 0.13", "６%, 0.06", "0, 0", "1, 0.01", "1%, 0.01", "3, 0.03",
        "0.3, 0.3"})
    void should_read_a_tax_rate_as_a_fraction(String cell, BigDecimal expected) {
        assertThat(Cells.rate(cell, "lines[0].taxRate", new ArrayList<>())).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.5", "45%", "100", "-13%"})
    void should_make_an_implausible_tax_rate_a_problem(String cell) {
        List<FieldError> problems = new ArrayList<>();
        assertThat(Cells.rate(cell, "lines[0].taxRate", problems)).isNull();
        assertThat(problems).containsExactly(new FieldError("lines[0].taxRate",
                "'" + cell + "' is not a tax rate such as 13%, 0.13 or 13 (0 to 30 %)"));
    }

    @Test
    void should_show_excel_numbers_with_fifteen_significant_digits() {
        assertThat(XlsxRows.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(XlsxRows.number(6204.0)).isEqualTo("6204");
        assertThat(XlsxRows.number(1234.5)).isEqualTo("1234.5");
        assertThat(XlsxRows.number(1e20)).isEqualTo("100000000000000000000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"=HYPERLINK(\"http://x\",\"y\")", "+86 138 0000 0000", "-5", "@SUM(A1)",
        "\t=1+1", "\r=1+1"})
    void should_neutralise_a_cell_a_spreadsheet_would_run_as_a_formula(String cell) {
        assertThat(SpreadsheetText.neutralise(cell)).isEqualTo("'" + cell);
        assertThat(SpreadsheetText.restore(SpreadsheetText.neutralise(cell))).isEqualTo(cell);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"上海浦江精密机械有限公司", "SO-1", "12.50", "'quoted'", "a=b"})
    void should_leave_other_cells_as_they_are(String cell) {
        assertThat(SpreadsheetText.neutralise(cell)).isEqualTo(cell);
        assertThat(SpreadsheetText.neutralise(null)).isNull();
        assertThat(SpreadsheetText.neutralise("")).isEmpty();
    }
}
