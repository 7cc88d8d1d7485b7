package dev.tributary.adapter.distributorfiles;

import dev.tributary.ingest.IncomingRecord;
import dev.tributary.validation.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One order of a distributor file: the data rows it came from (1-based, header excluded; line
 * {@code i} of the order is {@code rows.get(i)}), the record for intake, and the headers as the
 * file wrote them ({@code columns}: field → header), to name a problem's column.
 */
public record FileOrder(String orderNumber, List<Integer> rows, IncomingRecord record, Map<String, String> columns) {

    private static final Pattern LINE = Pattern.compile("lines\\[(\\d+)](?:\\.(.+))?");

    public FileOrder {
        rows = List.copyOf(rows);
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** An order whose problems are named with the default header of each field. */
    public FileOrder(String orderNumber, List<Integer> rows, IncomingRecord record) {
        this(orderNumber, rows, record, null);
    }

    /**
     * Intake's errors for this order (field paths such as {@code lines[2].quantity},
     * {@code customerRef.unifiedSocialCreditCode}, {@code orderDate}) as one readable reason per
     * data row, naming the column as the file wrote its header (row 7 → {@code "数量: must not be
     * negative, is -5"}). A line's problem goes to its row, an order-level problem to every row of
     * the order; every other row of a rejected order is told which rows rejected it. Empty when
     * {@code errors} is.
     */
    public Map<Integer, String> rowReasons(List<FieldError> errors) {
        Map<Integer, Set<String>> reasons = new LinkedHashMap<>();
        rows.forEach(row -> reasons.put(row, new LinkedHashSet<>()));
        if (errors == null || errors.isEmpty()) {
            return Map.of();
        }
        // totals are the adapter's own arithmetic on the cells: an error on them repeats a cell's error
        boolean cellErrors = errors.stream().anyMatch(e -> !isTotal(e.field()));
        for (FieldError error : errors) {
            if (cellErrors && isTotal(error.field())) {
                continue;
            }
            Matcher line = LINE.matcher(error.field() == null ? "" : error.field());
            if (line.matches()) {
                int index = Integer.parseInt(line.group(1));
                String text = reason(line.group(2) == null ? null : lineColumn(line.group(2)), error.message());
                if (index < rows.size()) {
                    reasons.get(rows.get(index)).add(text);
                } else {
                    reasons.values().forEach(r -> r.add(text));
                }
            } else {
                String text = reason(orderColumn(error.field()), error.message());
                reasons.values().forEach(r -> r.add(text));
            }
        }
        List<Integer> guilty = new ArrayList<>();
        reasons.forEach((row, texts) -> {
            if (!texts.isEmpty()) {
                guilty.add(row);
            }
        });
        String because = "order " + (orderNumber == null || orderNumber.isBlank() ? "without 订单号" : orderNumber)
                + " is rejected because of " + (guilty.size() == 1 ? "row " : "rows ") + join(guilty);
        Map<Integer, String> result = new LinkedHashMap<>();
        reasons.forEach((row, texts) -> result.put(row, texts.isEmpty() ? because : String.join("; ", texts)));
        return result;
    }

    private static boolean isTotal(String field) {
        return field != null && (field.equals("netTotal") || field.equals("taxTotal") || field.equals("grossTotal")
                || field.endsWith(".lineTotal"));
    }

    private static String reason(String column, String message) {
        return column == null ? message : column + ": " + message;
    }

    private String column(String field) {
        String written = columns.get(field);
        return written != null ? written : HeaderMapping.defaults().names(field).get(0);
    }

    private String lineColumn(String field) {
        return switch (field) {
            case "sku", "description", "quantity", "unitPrice", "discount", "taxRate" -> column(field);
            case "lineTotal" -> column(HeaderMapping.QUANTITY) + " × " + column(HeaderMapping.UNIT_PRICE)
                    + (columns.containsKey(HeaderMapping.DISCOUNT) ? " − " + column(HeaderMapping.DISCOUNT) : "");
            default -> field;
        };
    }

    private String orderColumn(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "orderNumber", "sourceRef.sourceId", "sourceEventId" -> column(HeaderMapping.ORDER_NUMBER);
            case "distributorId" -> column(HeaderMapping.DISTRIBUTOR_ID);
            case "customerRef.legalName" -> column(HeaderMapping.CUSTOMER_NAME);
            case "customerRef.unifiedSocialCreditCode" -> column(HeaderMapping.USCC);
            case "customerRef.sourceId" -> columns.containsKey(HeaderMapping.CUSTOMER_ID)
                    ? column(HeaderMapping.CUSTOMER_ID) : column(HeaderMapping.CUSTOMER_NAME);
            case "customerRef" -> customerColumns();
            case "orderDate", "sourceUpdatedAt" -> column(HeaderMapping.ORDER_DATE);
            case "currency" -> column(HeaderMapping.CURRENCY);
            case "netTotal", "taxTotal", "grossTotal" -> "order total (" + field + ")";
            case "(record)", "lines" -> null;
            default -> field;
        };
    }

    private String customerColumns() {
        List<String> present = new ArrayList<>();
        for (String field : HeaderMapping.CUSTOMER_COLUMNS) {
            if (columns.containsKey(field)) {
                present.add(columns.get(field));
            }
        }
        return present.isEmpty() ? column(HeaderMapping.CUSTOMER_NAME) : String.join("/", present);
    }

    private static String join(List<Integer> rows) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            text.append(i == 0 ? "" : i == rows.size() - 1 ? " and " : ", ").append(rows.get(i));
        }
        return text.toString();
    }
}
