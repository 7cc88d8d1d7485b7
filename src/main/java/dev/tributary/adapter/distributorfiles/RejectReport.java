package dev.tributary.adapter.distributorfiles;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code <name>.rejects.csv} written beside a file: one line per rejected data row (row, 订单号,
 * reason), UTF-8 with a byte order mark so that Excel reads the Chinese text, every cell neutralised
 * so that a formula in a distributor's cell stays text.
 */
final class RejectReport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private RejectReport() {
    }

    static byte[] of(List<RejectedRow> rows) {
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180)) {
            csv.printRecord("row", "订单号", "reason");
            for (RejectedRow r : rows) {
                csv.printRecord(String.valueOf(r.row()), r.orderNumber() == null ? "" : SpreadsheetText.neutralise(r.orderNumber()),
                        SpreadsheetText.neutralise(r.reason()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(body, 0, all, BOM.length, body.length);
        return all;
    }
}
