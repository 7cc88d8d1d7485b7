package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.ingest.UnreadableInputException;
import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proves how the reader numbers rows, detects encodings, matches headers, groups rows into orders and names each rejected row's reason. */
class OrderFileReaderTest {

    static final String HEADER = "订单号,经销商编码,客户名称,统一社会信用代码,产品编码,产品名称,数量,单价,币种,下单日期";
    static final String GOOD = ",D-00012,上海浦江精密机械有限公司,91310000MA1FL5LX83,BRG-6204,轴承,10,12.50,CNY,2026-11-03";

    @TempDir
    Path dir;

    @Test
    void should_number_a_quoted_multi_line_cell_as_one_row_and_keep_empty_rows_numbered() throws IOException {
        String csv = HEADER + "\n"
                + "A-1,D-00012,上海浦江精密机械有限公司,91310000MA1FL5LX83,BRG-6204,\"第一行\n第二行\n第三行\",10,12.50,CNY,2026-11-03\n"
                + "\n"
                + "A-2" + GOOD + "\n"
                + ",,,,,,,,,\n"
                + "A-3" + GOOD + "\n";
        List<FileOrder> orders = read(write("rows.csv", csv, StandardCharsets.UTF_8), null);

        assertThat(orders).extracting(FileOrder::orderNumber).containsExactly("A-1", "A-2", "A-3");
        assertThat(orders).extracting(FileOrder::rows).containsExactly(List.of(1), List.of(3), List.of(5));
        assertThat(orders.get(0).record().data().at("/lines/0/description").asText()).isEqualTo("第一行\n第二行\n第三行");
    }

    @Test
    void should_number_xlsx_rows_by_their_place_in_the_sheet_after_the_header() throws IOException {
        List<FileOrder> orders = read(Path.of("mappings/distributor-files/xlsx-dates-numbers-and-formulas.input.xlsx"),
                null);
        assertThat(orders).extracting(FileOrder::rows).containsExactly(List.of(1, 2), List.of(3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"UTF-8 without BOM, UTF-8, false, UTF-8", "UTF-8 with BOM, UTF-8, true, UTF-8",
        "GBK, GBK, false, GB18030", "GB18030, GB18030, false, GB18030"})
    void should_detect_the_encoding_of_a_csv_file(String label, String written, boolean bom, String detected)
            throws IOException {
        byte[] text = (HEADER + "\nE-1" + GOOD.replace("轴承", "深沟球轴承（进口）") + "\n").getBytes(Charset.forName(written));
        byte[] bytes = bom ? concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text) : text;
        Path file = dir.resolve("enc.csv");
        Files.write(file, bytes);

        try (OrderFileReader reader = OrderFileReader.open(file, null, null, "k")) {
            assertThat(reader.encoding().name()).isEqualTo(detected);
            FileOrder order = reader.next();
            assertThat(order.orderNumber()).isEqualTo("E-1");
            assertThat(order.record().data().at("/customerRef/legalName").asText()).isEqualTo("上海浦江精密机械有限公司");
            assertThat(order.record().data().at("/lines/0/description").asText()).isEqualTo("深沟球轴承（进口）");
        }
    }

    @Test
    void should_detect_gbk_when_the_only_non_utf8_byte_comes_late_in_the_file() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER.replace("客户名称,", "客户名称,").replace("订单号", "Order No") + "\n");
        csv = new StringBuilder("Order No,distributor,customer,uscc,sku,product,qty,price,currency,date\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("L-").append(i).append(",D-1,ACME,91310000MA1FL5LX83,S,plain,1,1,CNY,2026-11-03\n");
        }
        csv.append("L-last,D-1,华信,91310000MA1FL5LX83,S,轴承,1,1,CNY,2026-11-03\n");
        List<FileOrder> orders = read(write("late.csv", csv.toString(), Charset.forName("GBK")), null);
        assertThat(orders.get(orders.size() - 1).record().data().at("/customerRef/legalName").asText()).isEqualTo("华信");
    }

    @Test
    void should_match_headers_trimmed_nfkc_and_case_folded_and_take_a_regions_own_names() throws IOException {
        String header = " ORDER NO ,Ｄｉｓｔｒｉｂｕｔｏｒ,客户名称,统一社会信用代码,SKU,产品名称,件数,Unit Price,币种,Date";
        Path file = write("headers.csv", header + "\nH-1" + GOOD + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(file, null)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("no column 数量 (or qty, quantity)");

        List<FileOrder> orders = read(file, HeaderMapping.of(Map.of("quantity", List.of("件数"))));
        assertThat(orders.get(0).record().data().at("/lines/0/quantity").decimalValue()).isEqualByComparingTo("10");
        assertThat(orders.get(0).columns()).containsEntry("quantity", "件数").containsEntry("orderNumber", "ORDER NO");
    }

    @Test
    void should_let_a_region_take_a_default_name_for_another_field() {
        HeaderMapping mapping = HeaderMapping.of(Map.of("customerId", List.of("客户")));
        assertThat(mapping.field("客户")).isEqualTo("customerId");
        assertThat(mapping.field("客户名称")).isEqualTo("customerName");
        assertThatThrownBy(() -> HeaderMapping.of(Map.of("quantiy", List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'quantiy' is not a field");
    }

    @Test
    void should_refuse_a_file_whose_two_columns_mean_one_field() throws IOException {
        Path file = write("twice.csv", HEADER + ",qty\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(file, null)).isInstanceOf(UnreadableInputException.class)
                .hasMessage("the columns '数量' and 'qty' both mean 数量; keep one of them");
    }

    @Test
    void should_refuse_an_empty_file_and_binary_content() throws IOException {
        assertThatThrownBy(() -> read(write("empty.csv", "\n\n", StandardCharsets.UTF_8), null))
                .isInstanceOf(UnreadableInputException.class).hasMessage("the file is empty: it has no header row");
        Path binary = dir.resolve("image.csv");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertThatThrownBy(() -> read(binary, null)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("neither a CSV text file nor an .xlsx workbook");
    }

    @Test
    void should_name_the_row_of_a_quoted_cell_that_is_never_closed() throws IOException {
        Path file = write("open.csv", HEADER + "\nO-1" + GOOD + "\nO-2,D-1,\"never closed,x\n", StandardCharsets.UTF_8);
        try (OrderFileReader reader = OrderFileReader.open(file, null, null, "k")) {
            assertThatThrownBy(reader::next).isInstanceOf(UnreadableInputException.class)
                    .hasMessageStartingWith("data row 2 cannot be read as CSV: a quoted cell is not closed")
                    .hasMessageNotContaining("EOF").hasMessageNotContaining("encapsulated");
        }
    }

    @Test
    void should_give_every_row_of_a_rejected_order_a_reason_naming_the_column_as_the_file_wrote_it() throws IOException {
        String csv = "Order No,Distributor,客户名称,USCC,SKU,产品名称,Qty,单价,币种,下单日期\n"
                + "R-1" + GOOD + "\n"
                + "R-1" + GOOD.replace(",10,", ",-5,") + "\n"
                + "R-1" + GOOD.replace(",12.50,", ",abc,") + "\n";
        FileOrder order = read(write("reasons.csv", csv, StandardCharsets.UTF_8), null).get(0);
        assertThat(order.rows()).containsExactly(1, 2, 3);
        assertThat(order.record().problems())
                .containsExactly(new FieldError("lines[2].unitPrice", "'abc' is not a number such as 12 or 1,234.50"));

        List<FieldError> intake = new ArrayList<>(order.record().problems());
        intake.add(new FieldError("lines[1].quantity", "must not be negative, is -5"));
        intake.add(new FieldError("lines[1].lineTotal", "must not be negative, is -62.50"));
        intake.add(new FieldError("netTotal", "must not be negative, is -12.50"));
        Map<Integer, String> reasons = order.rowReasons(intake);

        assertThat(reasons).containsExactly(
                Map.entry(1, "order R-1 is rejected because of rows 2 and 3"),
                Map.entry(2, "Qty: must not be negative, is -5"),
                Map.entry(3, "单价: 'abc' is not a number such as 12 or 1,234.50"));
        assertThat(order.rowReasons(List.of())).isEmpty();
    }

    @Test
    void should_put_an_order_level_reason_on_every_row_of_the_order() throws IOException {
        FileOrder order = read(write("uscc.csv", HEADER + "\nU-1" + GOOD + "\nU-1" + GOOD + "\n",
                StandardCharsets.UTF_8), null).get(0);
        Map<Integer, String> reasons = order.rowReasons(List.of(new FieldError("customerRef.unifiedSocialCreditCode",
                "'91310000MA1FL5LX84' is not a valid 统一社会信用代码")));
        assertThat(reasons).containsOnlyKeys(1, 2).allSatisfy((row, reason) ->
                assertThat(reason).isEqualTo("统一社会信用代码: '91310000MA1FL5LX84' is not a valid 统一社会信用代码"));
    }

    @Test
    void should_reject_rows_whose_order_number_comes_back_after_another_order() throws IOException {
        String csv = HEADER + "\nS-1" + GOOD + "\nS-1" + GOOD + "\nS-2" + GOOD + "\nS-1" + GOOD + "\n";
        List<FileOrder> orders = read(write("split.csv", csv, StandardCharsets.UTF_8), null);
        assertThat(orders).extracting(FileOrder::rows).containsExactly(List.of(1, 2), List.of(3), List.of(4));
        assertThat(orders.get(2).record().problems()).singleElement().extracting(FieldError::message).asString()
                .startsWith("order S-1 already appeared in rows 1–2");
        assertThat(orders.get(2).record().sourceEventId()).isEqualTo("k:S-1:row4");
        assertThat(orders.get(0).record().sourceEventId()).isEqualTo("k:S-1");
    }

    @Test
    void should_give_the_same_event_ids_and_data_for_the_same_file_and_other_ids_for_another_file_key() throws IOException {
        Path file = write("same.csv", HEADER + "\nK-1" + GOOD + "\nK-2" + GOOD + "\n", StandardCharsets.UTF_8);
        List<FileOrder> first = read(file, null);
        List<FileOrder> again = read(file, null);
        assertThat(again).extracting(o -> o.record().sourceEventId()).containsExactly("k:K-1", "k:K-2");
        assertThat(again).extracting(o -> o.record().data()).isEqualTo(first.stream().map(o -> o.record().data()).toList());
        try (OrderFileReader other = OrderFileReader.open(file, null, null, "other")) {
            assertThat(other.next().record().sourceEventId()).isEqualTo("other:K-1");
        }
    }

    @Test
    void should_keep_the_rows_as_received_with_the_header_for_the_rejected_store() throws IOException {
        FileOrder order = read(write("received.csv", HEADER + "\nV-1" + GOOD.replace("轴承", "=HYPERLINK(\"x\")") + "\n",
                StandardCharsets.UTF_8), null).get(0);
        assertThat(order.record().received()).isEqualTo(HEADER + "\n"
                + "V-1,D-00012,上海浦江精密机械有限公司,91310000MA1FL5LX83,BRG-6204,\"=HYPERLINK(\"\"x\"\")\",10,12.50,CNY,2026-11-03\n");
        assertThat(order.record().data().at("/lines/0/description").asText()).isEqualTo("=HYPERLINK(\"x\")");
    }

    @Test
    void should_read_a_tab_separated_file() throws IOException {
        String tsv = HEADER.replace(',', '\t') + "\nT-1" + GOOD.replace(',', '\t') + "\n";
        assertThat(read(write("tabs.csv", tsv, StandardCharsets.UTF_8), null)).extracting(FileOrder::orderNumber)
                .containsExactly("T-1");
    }

    @Test
    void should_list_the_header_columns_it_ignores_and_reject_a_row_wider_than_the_header() throws IOException {
        String csv = HEADER + ",折扣率,含税单价\n"
                + "W-1" + GOOD + ",5%,14.13\n"
                + "W-2,D-00012,上海浦江精密机械有限公司,91310000MA1FL5LX83,BRG-6204,轴承,大号,10,12.50,CNY,2026-11-03,5%,14.13\n";
        Path file = write("wide.csv", csv, StandardCharsets.UTF_8);
        List<FileOrder> orders = new ArrayList<>();
        try (OrderFileReader reader = OrderFileReader.open(file, null, null, "k")) {
            assertThat(reader.ignoredColumns()).containsExactly("折扣率", "含税单价");
            for (FileOrder order = reader.next(); order != null; order = reader.next()) {
                orders.add(order);
            }
        }
        assertThat(orders.get(0).record().problems()).isEmpty();
        FileOrder shifted = orders.get(1);
        assertThat(shifted.rowReasons(shifted.record().problems()).get(2)).contains("the row has '14.13' in column 13,"
                + " right of the header's last column (12): is there a comma in a cell without quotes?");
    }

    @Test
    void should_refuse_a_utf8_file_with_a_stray_byte_instead_of_reading_its_chinese_as_gbk() throws IOException {
        byte[] utf8 = (HEADER + "\nU-1" + GOOD + "\nU-2" + GOOD.replace("轴承", "轴承\u0001") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == 1) {
                utf8[i] = (byte) 0xB0; // a lone byte that is not UTF-8
            }
        }
        Path file = dir.resolve("stray.csv");
        Files.write(file, utf8);
        assertThatThrownBy(() -> OrderFileReader.open(file, null, null, "k")).isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("the file is UTF-8 text except for 1 places that are not UTF-8");
    }

    @Test
    void should_reject_a_row_whose_cell_could_not_be_decoded_in_the_configured_encoding() throws IOException {
        byte[] bytes = concat((HEADER + "\nF-1").getBytes(StandardCharsets.UTF_8),
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, (GOOD + "\n").getBytes(StandardCharsets.UTF_8)));
        Path file = dir.resolve("configured.csv");
        Files.write(file, bytes);
        try (OrderFileReader reader = OrderFileReader.open(file, null, StandardCharsets.UTF_8, "k")) {
            FileOrder order = reader.next();
            assertThat(order.record().problems()).extracting(FieldError::field).containsExactly("orderNumber");
            assertThat(order.rowReasons(order.record().problems()).get(1)).startsWith("订单号: holds bytes that are not text");
        }
    }

    private List<FileOrder> read(Path file, HeaderMapping headers) throws IOException {
        List<FileOrder> orders = new ArrayList<>();
        try (OrderFileReader reader = OrderFileReader.open(file, headers, null, "k")) {
            for (FileOrder order = reader.next(); order != null; order = reader.next()) {
                orders.add(order);
            }
        }
        return orders;
    }

    private Path write(String name, String text, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(charset));
        return file;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
