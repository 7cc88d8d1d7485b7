package dev.tributary.adapter.distributorfiles;

import dev.tributary.ingest.UnreadableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Streams the orders of one distributor file (CSV or {@code .xlsx}) without holding the file in
 * memory: rows next to each other with one 订单号 form one order, one line per row.
 *
 * <p>Rows are numbered from 1 after the header row (the first non-empty row), as a spreadsheet
 * shows them: a quoted CSV cell with line breaks is one row, and an empty row keeps its number but
 * carries no order — so data row n is spreadsheet row n + 1 when the header is the first row. An
 * order number that comes back later, not next to its earlier rows, is not merged into the order
 * already read: those rows become an order of their own, rejected with a reason naming the earlier
 * rows.
 */
public final class OrderFileReader implements AutoCloseable {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final int PROBE_BYTES = 4096;

    private final RowSource source;
    private final int headerIndex;
    private final OrderAssembler assembler;
    private final int orderNumberColumn;
    private final Charset encoding;
    private final List<String> ignoredColumns;
    /** Order numbers read so far with their rows, to name them when one comes back. */
    private final OrderNumbers seen = new OrderNumbers();
    private OrderAssembler.NumberedRow lookahead;
    private int rowsRead;

    private OrderFileReader(RowSource source, int headerIndex, OrderAssembler assembler, int orderNumberColumn,
            Charset encoding, List<String> ignoredColumns) {
        this.ignoredColumns = List.copyOf(ignoredColumns);
        this.source = source;
        this.headerIndex = headerIndex;
        this.assembler = assembler;
        this.orderNumberColumn = orderNumberColumn;
        this.encoding = encoding;
    }

    /**
     * Opens {@code file} and reads its header row.
     *
     * @param headers which header names mean which field; null = {@link HeaderMapping#defaults()}
     * @param encoding of a CSV file; null = detect (UTF-8 with or without BOM, else GB18030, which reads GBK)
     * @param fileKey a short id of the file's content (e.g. the first 16 hex digits of its SHA-256),
     *     part of every order's {@code sourceEventId}: the same file gives the same event ids
     * @throws UnreadableInputException not a CSV or xlsx file, no header, a required column missing
     */
    public static OrderFileReader open(Path file, HeaderMapping headers, Charset encoding, String fileKey)
            throws IOException {
        HeaderMapping mapping = headers == null ? HeaderMapping.defaults() : headers;
        byte[] probe;
        try (InputStream in = Files.newInputStream(file)) {
            probe = in.readNBytes(PROBE_BYTES);
        }
        RowSource source;
        Charset charset = null;
        if (startsWith(probe, ZIP)) {
            source = xlsx(file);
        } else if (startsWith(probe, OLE2)) {
            throw new UnreadableInputException("the file is an Excel 97–2003 workbook (.xls) or another old Office"
                    + " file; save it as .xlsx or as CSV and send it again");
        } else {
            charset = encoding != null ? encoding : utf16(probe) ? StandardCharsets.UTF_16 : TextEncoding.detect(file);
            if (!utf16(probe) && binary(probe)) {
                throw new UnreadableInputException("the file is neither a CSV text file nor an .xlsx workbook");
            }
            source = new CsvRows(file, charset);
        }
        try {
            return withHeader(source, mapping, fileKey, charset);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The next order, or null at the end of the file. */
    public FileOrder next() throws IOException {
        OrderAssembler.NumberedRow first = lookahead != null ? lookahead : readRow();
        lookahead = null;
        if (first == null) {
            return null;
        }
        List<OrderAssembler.NumberedRow> rows = new ArrayList<>();
        rows.add(first);
        String key = key(first);
        if (key != null) {
            for (OrderAssembler.NumberedRow row = readRow(); row != null; row = readRow()) {
                if (key.equals(key(row))) {
                    rows.add(row);
                } else {
                    lookahead = row;
                    break;
                }
            }
        }
        String earlier = key == null ? null : seen.earlier(key);
        if (key != null && earlier == null) {
            seen.add(key, rows.get(0).number(), rows.get(rows.size() - 1).number());
        }
        return assembler.assemble(rows, earlier);
    }

    /** How many data rows were read so far, empty ones included (the number of the last one). */
    public int rowsRead() {
        return rowsRead;
    }

    /** The header cells (trimmed) that name no field the hub reads, in file order: their cells are not read. */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    /** The encoding the CSV file is read in, or null for an xlsx file. */
    public Charset encoding() {
        return encoding;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private OrderAssembler.NumberedRow readRow() throws IOException {
        while (true) {
            RowSource.Row row;
            try {
                row = source.next();
            } catch (CsvRows.RowTooLong e) {
                throw new UnreadableInputException("data row " + (e.spreadsheetRow - headerIndex - 1)
                        + " holds more than " + CsvRows.MAX_ROW_CHARS + " characters, more than any order row"
                        + " needs (is a quote \" never closed? a quote inside a cell is written twice: \"\")");
            } catch (CsvRows.TooManyColumns e) {
                throw new UnreadableInputException("data row " + (e.spreadsheetRow - headerIndex)
                        + " has " + e.getMessage() + "; the hub reads rows of at most " + CsvRows.MAX_COLUMNS
                        + " cells");
            } catch (CsvRows.CsvSyntaxException e) {
                // commons-csv's own words ("EOF reached before encapsulated token finished") stay in the log
                throw new UnreadableInputException("data row " + (e.spreadsheetRow - headerIndex - 1)
                        + " cannot be read as CSV: a quoted cell is not closed where the file ends or the row"
                        + " ends (is a quote \" never closed? a quote inside a cell is written twice: \"\")", e);
            } catch (RuntimeException e) {
                if (e instanceof UnreadableInputException) {
                    throw e;
                }
                throw new UnreadableInputException("the workbook cannot be read after data row " + rowsRead
                        + ": it is damaged or not a plain Excel sheet; open it in Excel, save it again as .xlsx (or"
                        + " CSV) and send it again", e);
            }
            if (row == null) {
                return null;
            }
            rowsRead = row.index() - headerIndex;
            if (!row.isEmpty()) {
                return new OrderAssembler.NumberedRow(rowsRead, row);
            }
        }
    }

    private String key(OrderAssembler.NumberedRow row) {
        return Cells.folded(row.row().cell(orderNumberColumn));
    }

    private static OrderFileReader withHeader(RowSource source, HeaderMapping mapping, String fileKey, Charset charset)
            throws IOException {
        RowSource.Row header;
        try {
            header = source.next();
            while (header != null && header.isEmpty()) {
                header = source.next();
            }
        } catch (CsvRows.RowTooLong | CsvRows.TooManyColumns e) {
            throw new UnreadableInputException("the header row is longer than any header needs (more than "
                    + CsvRows.MAX_ROW_CHARS + " characters or " + CsvRows.MAX_COLUMNS + " cells): is a quote \""
                    + " never closed?");
        } catch (CsvRows.CsvSyntaxException e) {
            throw new UnreadableInputException("the header row cannot be read as CSV: a quoted cell is not closed"
                    + " (is a quote \" never closed?)", e);
        }
        if (header == null) {
            throw new UnreadableInputException("the file is empty: it has no header row");
        }
        Map<String, Integer> columnOf = new LinkedHashMap<>();
        List<String> cells = new ArrayList<>(header.cells());
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String field = mapping.field(cells.get(i));
            if (field == null) {
                if (cells.get(i) != null && !cells.get(i).isBlank()) {
                    ignored.add(cells.get(i).strip());
                }
                continue;
            }
            Integer before = columnOf.putIfAbsent(field, i);
            if (before != null) {
                throw new UnreadableInputException("the columns '" + cells.get(before).strip() + "' and '"
                        + cells.get(i).strip() + "' both mean " + mapping.names(field).get(0)
                        + "; keep one of them");
            }
        }
        if (columnOf.isEmpty()) {
            throw new UnreadableInputException("the first row names none of the columns the hub reads ("
                    + String.join(", ", HeaderMapping.REQUIRED.stream().map(f -> mapping.names(f).get(0)).toList())
                    + ", …): is the header row missing? It reads: " + shortened(cells));
        }
        List<String> missing = HeaderMapping.REQUIRED.stream().filter(f -> !columnOf.containsKey(f))
                .map(f -> mapping.names(f).get(0) + " (or " + String.join(", ", mapping.names(f).subList(1,
                        mapping.names(f).size())) + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new UnreadableInputException("the file has no column " + String.join("; no column ", missing)
                    + ". Its header row reads: " + shortened(cells));
        }
        if (HeaderMapping.CUSTOMER_COLUMNS.stream().noneMatch(columnOf::containsKey)) {
            throw new UnreadableInputException("the file names no customer: it needs a column "
                    + HeaderMapping.CUSTOMER_COLUMNS.stream().map(f -> mapping.names(f).get(0))
                            .collect(Collectors.joining(", ", "", ""))
                    + " (at least one). Its header row reads: " + shortened(cells));
        }
        OrderAssembler assembler = new OrderAssembler(columnOf, cells, fileKey);
        return new OrderFileReader(source, header.index(), assembler, columnOf.get(HeaderMapping.ORDER_NUMBER),
                charset, ignored);
    }

    private static String shortened(List<String> cells) {
        String text = cells.stream().map(c -> c == null ? "" : c.strip()).collect(Collectors.joining(", "));
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static RowSource xlsx(Path file) {
        try {
            return new XlsxRows(file);
        } catch (UnreadableInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // the library's own words (class names, XML details) mean nothing to a distributor
            throw new UnreadableInputException("the file looks like an .xlsx workbook but cannot be opened as one;"
                    + " open it in Excel, save it again as .xlsx (or CSV) and send it again", e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean utf16(byte[] probe) {
        return probe.length >= 2 && ((probe[0] == (byte) 0xFF && probe[1] == (byte) 0xFE)
                || (probe[0] == (byte) 0xFE && probe[1] == (byte) 0xFF));
    }

    /** NUL bytes do not occur in CSV text in UTF-8 or GB18030. */
    private static boolean binary(byte[] probe) {
        for (byte b : probe) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
