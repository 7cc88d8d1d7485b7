package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.ingest.UnreadableInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves that what one file may make the reader hold in memory is bounded, and that a file past a bound is refused with a readable reason. */
class OrderFileLimitsTest {

    static final String HEADER = "订单号,经销商编码,客户名称,产品编码,数量,单价,币种,下单日期\n";

    @TempDir
    Path dir;

    @Test
    void should_refuse_a_row_longer_than_the_limit_naming_its_data_row_instead_of_buffering_the_rest_of_the_file()
            throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append("A-1,D1,客户,SKU,1,10,CNY,2026-11-03\n");
        csv.append("A-2,D1,\"客户 never closed,SKU,1,10,CNY,2026-11-03\n");
        String row = "A-3,D1,客户,SKU,1,10,CNY,2026-11-03\n";
        while (csv.length() < 3 * CsvRows.MAX_ROW_CHARS) {
            csv.append(row);
        }
        Path file = Files.writeString(dir.resolve("open-quote.csv"), csv, StandardCharsets.UTF_8);

        try (OrderFileReader reader = OrderFileReader.open(file, null, null, "k")) {
            assertThatThrownBy(reader::next).isInstanceOf(UnreadableInputException.class)
                    .hasMessageStartingWith("data row 2 holds more than " + CsvRows.MAX_ROW_CHARS + " characters")
                    .hasMessageContaining("never closed");
        }
    }

    @Test
    void should_refuse_a_row_with_more_cells_than_the_limit() throws IOException {
        String wide = "A-1,D1,客户,SKU,1,10,CNY,2026-11-03" + ",x".repeat(CsvRows.MAX_COLUMNS) + "\n";
        Path file = Files.writeString(dir.resolve("wide.csv"), HEADER + wide, StandardCharsets.UTF_8);

        try (OrderFileReader reader = OrderFileReader.open(file, null, null, "k")) {
            assertThatThrownBy(reader::next).isInstanceOf(UnreadableInputException.class)
                    .hasMessage("data row 1 has " + (CsvRows.MAX_COLUMNS + 8) + " cells; the hub reads rows of at most "
                            + CsvRows.MAX_COLUMNS + " cells");
        }
    }

    @Test
    void should_remember_order_numbers_with_their_rows_and_refuse_a_file_past_the_order_limit() {
        OrderNumbers numbers = new OrderNumbers(3000);
        for (int i = 1; i <= 3000; i++) {
            numbers.add("S-" + i, 2 * i - 1, 2 * i);
        }
        assertThat(numbers.earlier("S-1")).isEqualTo("rows 1–2");
        assertThat(numbers.earlier("S-2999")).isEqualTo("rows 5997–5998");
        assertThat(numbers.earlier("S-3001")).isNull();
        assertThatThrownBy(() -> numbers.add("S-3001", 6001, 6001)).isInstanceOf(UnreadableInputException.class)
                .hasMessage("the file holds more than 3000 orders; split it into smaller files and send them one by one");
    }

    @Test
    void should_refuse_an_xlsx_whose_shared_strings_unpack_past_the_limit_before_reading_them() throws IOException {
        Path file = dir.resolve("bomb.xlsx");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (long i = 0; i <= XlsxRows.MAX_SHARED_STRINGS_BYTES / spaces.length; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(file)).as("a small zip").isLessThan(1024 * 1024);

        assertThatThrownBy(() -> OrderFileReader.open(file, null, null, "k")).isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("the workbook's table of texts is larger than 32 MiB once unpacked");
    }
}
