package dev.tributary.it;

import java.nio.charset.Charset;
import java.util.Set;

/**
 * Distributor order files for the file-source tests: one order per row (so a bad row is a bad
 * order), order numbers {@code <prefix>-<n>}, the Chinese default headers; rows listed as bad carry
 * a negative quantity, which intake rejects whatever the reader makes of it.
 */
final class OrderFiles {

    static final String HEADER = "订单号,经销商编码,客户名称,统一社会信用代码,产品编码,产品名称,数量,单价,币种,下单日期";

    private OrderFiles() {
    }

    /** A CSV of {@code rows} data rows; the 1-based data rows in {@code bad} are rejected by intake. */
    static byte[] csv(String prefix, int rows, Set<Integer> bad, Charset charset) {
        StringBuilder text = new StringBuilder(HEADER).append("\r\n");
        for (int row = 1; row <= rows; row++) {
            text.append(row(prefix, row, bad.contains(row))).append("\r\n");
        }
        return text.toString().getBytes(charset);
    }

    static String row(String prefix, int row, boolean bad) {
        int customer = row % 20;
        return String.join(",", prefix + "-" + row, "D" + (1000 + customer), "上海华东精密机械有限公司" + customer,
                HubITSupport.uscc(prefix + "-customer-" + customer), "PUMP-200", "离心泵 200 L/min",
                bad ? "-2" : "2", "1850.00", "CNY", "2026-11-03");
    }

    /** The path of an order of these files at a target, as a regular expression. */
    static String orderPath(String target, String prefix) {
        return "/" + target + "/orders/cn-east\\..*" + java.util.regex.Pattern.quote(prefix) + "-[0-9]+";
    }
}
