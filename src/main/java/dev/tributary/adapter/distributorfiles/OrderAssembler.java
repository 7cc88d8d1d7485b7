package dev.tributary.adapter.distributorfiles;

import static dev.tributary.adapter.distributorfiles.HeaderMapping.CURRENCY;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.CUSTOMER_ID;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.CUSTOMER_NAME;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.DESCRIPTION;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.DISCOUNT;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.DISTRIBUTOR_ID;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.ORDER_DATE;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.ORDER_NUMBER;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.QUANTITY;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.SKU;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.TAX_RATE;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.UNIT_PRICE;
import static dev.tributary.adapter.distributorfiles.HeaderMapping.USCC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tributary.canonical.RecordType;
import dev.tributary.ingest.IncomingRecord;
import dev.tributary.validation.FieldError;
import dev.tributary.validation.InputLimits;
import dev.tributary.validation.TaxIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Turns the rows of one order into the record for intake: cells read as typed values, the
 * order-level cells required to agree between rows, ids and totals derived, then mapped by
 * {@link DistributorOrderMapper}. A cell that cannot be read is a problem on the record; its field
 * then holds a neutral stand-in (0, no date) only so that intake still checks the rest of the
 * order and reports every reason at once — a record with a problem is always rejected, and what
 * the rejected store keeps is the rows as received.
 */
final class OrderAssembler {

    /** One data row with its 1-based number. */
    record NumberedRow(int number, RowSource.Row row) {
    }

    private static final LocalDate NO_DATE = LocalDate.EPOCH;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    /** Order-level fields: the column, its path in the canonical order, and how two cells are compared. */
    private static final Map<String, String> ORDER_FIELDS = orderFields();

    private final Map<String, Integer> columnOf;
    private final List<String> header;
    private final Map<String, String> written;
    private final String fileKey;

    OrderAssembler(Map<String, Integer> columnOf, List<String> header, String fileKey) {
        this.columnOf = columnOf;
        this.header = header;
        this.fileKey = fileKey;
        Map<String, String> names = new LinkedHashMap<>();
        columnOf.forEach((field, column) -> names.put(field, header.get(column).strip()));
        this.written = Map.copyOf(names);
    }

    /**
     * The order of {@code rows} (one order number, or one row without one); {@code earlier} names
     * the rows where the same order number appeared before, not next to these, or is null.
     */
    FileOrder assemble(List<NumberedRow> rows, String earlier) {
        List<FieldError> problems = new ArrayList<>();
        NumberedRow first = rows.get(0);
        String orderNumber = Cells.folded(cell(first, ORDER_NUMBER));
        if (earlier != null) {
            problems.add(new FieldError("orderNumber", "order " + orderNumber + " already appeared in " + earlier
                    + "; the rows of one order must be next to each other, so these rows are not read as part of it"));
        }
        ORDER_FIELDS.forEach((field, path) -> agree(rows, field, path, problems));

        String distributorId = Cells.text(cell(first, DISTRIBUTOR_ID));
        String customerId = Cells.text(cell(first, CUSTOMER_ID));
        String customerName = Cells.text(cell(first, CUSTOMER_NAME));
        String uscc = Cells.text(cell(first, USCC));
        LocalDate orderDate = Cells.date(cell(first, ORDER_DATE), "orderDate", problems);
        List<OrderRow> lines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            lines.add(line(rows.get(i), i, problems));
            beyondHeader(rows.get(i), i, problems);
            undecodable(rows.get(i), i, problems);
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (OrderRow line : lines) {
            net = net.add(line.lineTotal());
            if (line.taxRate() != null) {
                tax = tax.add(line.lineTotal().multiply(line.taxRate()));
            }
        }
        tax = tax.setScale(2, RoundingMode.HALF_UP);
        LocalDate date = orderDate == null ? NO_DATE : orderDate;
        DistributorOrder order = new DistributorOrder(orderNumber, orderSourceId(distributorId, orderNumber, first),
                distributorId, customerSourceId(distributorId, customerId, uscc, customerName), customerName, uscc,
                Cells.text(cell(first, CURRENCY)), date, date.atStartOfDay(ZoneOffset.UTC).toInstant(), lines, net,
                tax, net.add(tax));
        JsonNode data = JSON.valueToTree(DistributorOrderMapper.INSTANCE.toOrder(order));
        String eventId = orderNumber == null || earlier != null
                ? fileKey + ":" + (orderNumber == null ? "" : orderNumber) + ":row" + first.number()
                : fileKey + ":" + orderNumber;
        IncomingRecord record = new IncomingRecord(RecordType.ORDER, eventId, data, received(rows), problems);
        return new FileOrder(orderNumber, rows.stream().map(NumberedRow::number).toList(), record, written);
    }

    private OrderRow line(NumberedRow row, int index, List<FieldError> problems) {
        String at = "lines[" + index + "].";
        BigDecimal quantity = Cells.decimal(cell(row, QUANTITY), at + "quantity", true, problems);
        BigDecimal unitPrice = Cells.decimal(cell(row, UNIT_PRICE), at + "unitPrice", true, problems);
        BigDecimal discount = Cells.decimal(cell(row, DISCOUNT), at + "discount", false, problems);
        BigDecimal taxRate = Cells.rate(cell(row, TAX_RATE), at + "taxRate", problems);
        BigDecimal q = quantity == null ? BigDecimal.ZERO : quantity;
        BigDecimal p = unitPrice == null ? BigDecimal.ZERO : unitPrice;
        BigDecimal total = q.multiply(p).subtract(discount == null ? BigDecimal.ZERO : discount);
        return new OrderRow(row.number(), index + 1, Cells.text(cell(row, SKU)), Cells.text(cell(row, DESCRIPTION)),
                q, p, discount, taxRate, total);
    }

    /**
     * A cell with content right of the header's last column: the row is wider than the header,
     * mostly because a comma in an unquoted cell shifted the cells after it, so every later cell
     * of the row may be in the wrong column.
     */
    private void beyondHeader(NumberedRow row, int index, List<FieldError> problems) {
        List<String> cells = row.row().cells();
        for (int column = header.size(); column < cells.size(); column++) {
            String cell = cells.get(column);
            if (cell != null && !cell.isBlank()) {
                problems.add(new FieldError("lines[" + index + "]", "the row has " + shown(cell) + " in column "
                        + (column + 1) + ", right of the header's last column (" + header.size() + "): is there a comma"
                        + " in a cell without quotes? The cells after it may be shifted; quote such a cell or take the"
                        + " comma out"));
                return;
            }
        }
    }

    /**
     * A read cell holding U+FFFD: bytes the file's encoding could not read (a configured encoding or
     * a byte-order mark that does not fit the bytes) — the text is not what the distributor wrote;
     * or a spreadsheet error value (#N/A, #REF!, …) where a value should be.
     */
    private static final Set<String> SPREADSHEET_ERRORS = Set.of("#N/A", "#VALUE!", "#REF!",
            "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!",
            "#CONNECT!", "#BUSY!", "#UNKNOWN!");

    private void undecodable(NumberedRow row, int index, List<FieldError> problems) {
        columnOf.forEach((field, column) -> {
            String cell = row.row().cell(column);
            String path = ORDER_FIELDS.containsKey(field) ? ORDER_FIELDS.get(field)
                    : field.equals(ORDER_NUMBER) ? "orderNumber" : "lines[" + index + "]." + field;
            if (cell != null && cell.indexOf('\uFFFD') >= 0) {
                problems.add(new FieldError(path, "holds bytes that are not text in the file's encoding (shown as"
                        + " \uFFFD); save the file again as UTF-8 or GBK"));
            } else if (cell != null && SPREADSHEET_ERRORS.contains(cell.strip().toUpperCase(Locale.ROOT))
                    && problems.stream().noneMatch(p -> p.field().equals(path))) {
                // what Excel shows (and saves into CSV) for a formula that failed, e.g. a VLOOKUP that found nothing
                problems.add(new FieldError(path, "is the spreadsheet error " + cell.strip()
                        + ", not a value; correct the formula or type the value"));
            }
        });
    }

    /** An order-level cell must be the same in every row of the order; a difference names the rows. */
    private void agree(List<NumberedRow> rows, String field, String path, List<FieldError> problems) {
        if (!columnOf.containsKey(field) || rows.size() < 2) {
            return;
        }
        Function<String, String> compared = field.equals(ORDER_DATE) ? OrderAssembler::dateKey : OrderAssembler::textKey;
        String firstValue = compared.apply(cell(rows.get(0), field));
        for (NumberedRow row : rows.subList(1, rows.size())) {
            if (!Objects.equals(firstValue, compared.apply(cell(row, field)))) {
                problems.add(new FieldError(path, "differs between the rows of one order: row " + rows.get(0).number()
                        + " has " + shown(cell(rows.get(0), field)) + ", row " + row.number() + " has "
                        + shown(cell(row, field)) + "; every row of an order must have the same " + written.get(field)));
                return;
            }
        }
    }

    private static String textKey(String cell) {
        String folded = Cells.folded(cell);
        return folded == null ? null : folded.toUpperCase(Locale.ROOT);
    }

    private static String dateKey(String cell) {
        LocalDate date = Cells.date(cell, "", new ArrayList<>());
        return date != null ? date.toString() : textKey(cell);
    }

    private static String shown(String cell) {
        return cell == null || cell.isBlank() ? "nothing" : "'" + InputLimits.shorten(cell.strip()) + "'";
    }

    private String cell(NumberedRow row, String field) {
        Integer column = columnOf.get(field);
        return column == null ? null : row.row().cell(column);
    }

    /** The order's id in the distributor's books: distributor code and order number. */
    private static String orderSourceId(String distributorId, String orderNumber, NumberedRow first) {
        String number = orderNumber == null ? "(row " + first.number() + ")" : orderNumber;
        return idPart(Cells.folded(distributorId)) + "/" + idPart(number);
    }

    /**
     * The customer's id in the distributor's books: its customer code where the file has one, else
     * its 统一社会信用代码, else its name — each under the distributor, since codes are the distributor's own.
     */
    private static String customerSourceId(String distributorId, String customerId, String uscc, String name) {
        String own;
        if (Cells.folded(customerId) != null) {
            own = "code:" + Cells.folded(customerId);
        } else if (uscc != null && !TaxIds.normalise(uscc).isEmpty()) {
            own = "uscc:" + TaxIds.normalise(uscc);
        } else if (Cells.folded(name) != null) {
            own = "name:" + Cells.folded(name);
        } else {
            return null;
        }
        return idPart(Cells.folded(distributorId)) + "/" + idPart(own);
    }

    /** A part of an id with '/' and '%' escaped, so that two parts never read as another two. */
    private static String idPart(String part) {
        return part == null ? "" : part.replace("%", "%25").replace("/", "%2F");
    }

    /** The order's rows as CSV with the file's header, as the distributor sent them. */
    private String received(List<NumberedRow> rows) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            printer.printRecord(header);
            for (NumberedRow row : rows) {
                printer.printRecord(row.row().cells());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringBuilder does not fail", e);
        }
        return text.toString();
    }

    private static Map<String, String> orderFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(DISTRIBUTOR_ID, "distributorId");
        fields.put(CUSTOMER_ID, "customerRef.sourceId");
        fields.put(CUSTOMER_NAME, "customerRef.legalName");
        fields.put(USCC, "customerRef.unifiedSocialCreditCode");
        fields.put(CURRENCY, "currency");
        fields.put(ORDER_DATE, "orderDate");
        return fields;
    }
}
