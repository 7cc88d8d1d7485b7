package dev.tributary.adapter.distributorfiles;

import com.github.pjfanning.xlsx.StreamingReader;
import dev.tributary.ingest.UnreadableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The rows of the first sheet of an {@code .xlsx} file, read as a stream (a window of rows in
 * memory, never the sheet). Cells become text the way the distributor saw them: a date cell as
 * {@code 2026-11-03}, a number with the 15 significant digits Excel shows (no binary artefacts
 * such as 0.30000000000000004), a formula as the value Excel last computed and saved — the hub
 * never evaluates one — or, when none was saved, as its formula text.
 */
final class XlsxRows implements RowSource {

    private static final int ROW_CACHE = 100;
    /** Bytes the workbook's shared-strings part may inflate to. */
    static final long MAX_SHARED_STRINGS_BYTES = 32L * 1024 * 1024;
    private static final int BUFFER = 4096;
    private static final MathContext EXCEL_DIGITS = new MathContext(15);

    private final Workbook workbook;
    private final Iterator<org.apache.poi.ss.usermodel.Row> rows;

    XlsxRows(Path file) {
        checkSharedStrings(file);
        this.workbook = reader().open(file.toFile());
        this.rows = workbook.getSheetAt(0).rowIterator();
    }

    /** How workbooks are opened: a window of rows and the shared strings on disk, nothing else the hub does not read. */
    static StreamingReader.Builder reader() {
        return StreamingReader.builder()
                .rowCacheSize(ROW_CACHE)
                .bufferSize(BUFFER)
                // the shared strings in a temp file (poi-shared-strings), not in the heap; their total
                // size is still bounded by checkSharedStrings, so the disk they take is too
                .setUseSstTempFile(true)
                .setReadComments(false)
                .setReadHyperlinks(false)
                .setReadShapes(false)
                .setReadCoreProperties(false);
    }

    /**
     * Refuses a workbook whose shared-strings part inflates past {@link #MAX_SHARED_STRINGS_BYTES}:
     * the reader holds that table in memory, and a small zip may expand to gigabytes. The part is
     * inflated and counted, not trusted by its declared size.
     */
    static void checkSharedStrings(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith("sharedstrings.xml")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] buffer = new byte[64 * 1024];
                    long total = 0;
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        total += n;
                        if (total > MAX_SHARED_STRINGS_BYTES) {
                            throw new UnreadableInputException("the workbook's table of texts is larger than "
                                    + MAX_SHARED_STRINGS_BYTES / (1024 * 1024) + " MiB once unpacked, more than an"
                                    + " order file needs; save the sheet as CSV or split it, and send it again");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UnreadableInputException("the file looks like an .xlsx workbook but is not a readable zip"
                    + " file; save it again as .xlsx", e);
        }
    }

    @Override
    public Row next() {
        if (!rows.hasNext()) {
            return null;
        }
        org.apache.poi.ss.usermodel.Row row = rows.next();
        List<String> cells = new ArrayList<>();
        for (Cell cell : row) {
            int column = cell.getColumnIndex();
            if (column >= CsvRows.MAX_COLUMNS) {
                throw new UnreadableInputException("spreadsheet row " + (row.getRowNum() + 1) + " has a cell in column "
                        + (column + 1) + "; the hub reads sheets of at most " + CsvRows.MAX_COLUMNS + " columns");
            }
            while (cells.size() < column) {
                cells.add(null);
            }
            cells.add(text(cell));
        }
        return new Row(row.getRowNum(), cells);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }

    static String text(Cell cell) {
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            CellType cached = cell.getCachedFormulaResultType();
            String value = cached == null || cached == CellType.FORMULA ? null : value(cell, cached);
            return value != null ? value : "=" + cell.getCellFormula();
        }
        return value(cell, type);
    }

    private static String value(Cell cell, CellType type) {
        return switch (type) {
            case STRING -> emptyToNull(cell.getStringCellValue());
            case NUMERIC -> isDate(cell) ? date(cell) : number(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
    }

    private static boolean isDate(Cell cell) {
        try {
            return DateUtil.isCellDateFormatted(cell);
        } catch (RuntimeException e) {
            return false; // a style the reader cannot resolve: read the plain number
        }
    }

    /** A date cell as a date; a serial no calendar has (negative, past 9999) as its number, which the date check then names. */
    private static String date(Cell cell) {
        LocalDateTime time;
        try {
            time = cell.getLocalDateTimeCellValue();
        } catch (RuntimeException e) {
            time = null;
        }
        return time == null ? number(cell.getNumericCellValue()) : date(time);
    }

    private static String date(LocalDateTime time) {
        return time.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? time.toLocalDate().toString()
                : time.toLocalDate() + " " + time.toLocalTime();
    }

    /** A number as Excel shows it: 15 significant digits, no exponent, no trailing zeros. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(Double.toString(value)).round(EXCEL_DIGITS).stripTrailingZeros().toPlainString();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
