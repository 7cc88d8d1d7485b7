package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the reader streams: a 100,000-row .xlsx whose text is in a shared strings table, as
 * Excel saves it, and a 100,000-row GBK CSV are read in a JVM whose heap (48 MB) could not hold
 * either file's rows, and every row arrives. The rows per second it prints are a measurement, not
 * a requirement.
 */
class StreamingReadTest {

    private static final int ROWS = 100_000;
    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    @Test
    void should_read_100000_row_xlsx_and_gbk_files_in_a_48_mb_heap() throws Exception {
        Path xlsx = dir.resolve("orders.xlsx");
        writeXlsx(xlsx);
        assertSharedStrings(xlsx);
        Path csv = dir.resolve("orders.csv");
        new DistributorFileGenerator(11).write(csv, ROWS, DistributorFileGenerator.GBK, false, List.of());

        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                StreamingReadProbe.class.getName(), csv.toString(), xlsx.toString())
                .redirectErrorStream(true).start();
        String output;
        try (var in = probe.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("orders.xlsx rows=" + ROWS + " ").contains("orders.csv rows=" + ROWS + " ");
    }

    /**
     * 100,000 rows, 25,000 orders of four lines, with date cells, as Excel would save them: every
     * text in the shared strings table (xl/sharedStrings.xml), the cells pointing into it. Each
     * order number and each line's batch text is its own entry, so the table is as long as a big
     * export's.
     */
    private void writeXlsx(Path file) throws IOException {
        // SXSSF streams the rows; the last argument keeps the text in a shared strings table instead of inline strings
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, false, true);
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("订单");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d"));
            String[] header = OrderFileReaderTest.HEADER.split(",");
            Row first = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                first.createCell(c).setCellValue(header[c]);
            }
            for (int r = 1; r <= ROWS; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("X-" + ((r - 1) / 4));
                row.createCell(1).setCellValue("D-00012");
                row.createCell(2).setCellValue("上海浦江精密机械有限公司");
                row.createCell(3).setCellValue("91310000MA1FL5LX83");
                row.createCell(4).setCellValue("SKU-" + (r % 97));
                row.createCell(5).setCellValue("深沟球轴承 " + (r % 97) + " 型 批次 B" + r);
                row.createCell(6).setCellValue(1 + r % 50);
                row.createCell(7).setCellValue(12.5 + r % 7);
                row.createCell(8).setCellValue("CNY");
                var day = row.createCell(9);
                day.setCellValue(LocalDate.of(2026, 11, 1 + r % 28));
                day.setCellStyle(date);
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

    /** The file really is the shared-strings kind: a long table, and no inline string in the sheet. */
    private static void assertSharedStrings(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry table = zip.getEntry("xl/sharedStrings.xml");
            assertThat(table).as("xl/sharedStrings.xml").isNotNull();
            String head;
            try (var in = zip.getInputStream(table)) {
                head = new String(in.readNBytes(512), StandardCharsets.UTF_8);
            }
            assertThat(head).containsPattern("uniqueCount=\"1[2-9][0-9]{4}\"");
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            try (var in = zip.getInputStream(sheet)) {
                String start = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                assertThat(start).contains("t=\"s\"").doesNotContain("inlineStr");
            }
        }
    }
}
