package dev.tributary.adapter.distributorfiles;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a CSV file (RFC 4180: quoted cells may hold the delimiter, doubled quotes and line
 * breaks), read as a stream. The delimiter is the comma unless the first non-empty line has more
 * tabs or semicolons, as some spreadsheet exports write.
 */
final class CsvRows implements RowSource {

    private static final int SNIFF_CHARS = 64 * 1024;
    /** Characters one row may hold; a quote never closed would otherwise take the rest of the file into one cell. */
    static final int MAX_ROW_CHARS = 1024 * 1024;
    /** Cells one row may hold. */
    static final int MAX_COLUMNS = 1000;

    private final CSVParser parser;
    private final RowLimit limit;
    private final Iterator<CSVRecord> records;
    private int index = -1;

    CsvRows(Path file, Charset charset) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (charset.equals(StandardCharsets.UTF_8) && TextEncoding.hasBom(file)) {
                in.skipNBytes(3);
            }
            BufferedReader buffered = new BufferedReader(new InputStreamReader(in, charset), SNIFF_CHARS * 2);
            char delimiter = delimiter(buffered);
            this.limit = new RowLimit(buffered);
            Reader reader = limit;
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false)
                    .setIgnoreSurroundingSpaces(false)
                    .get();
            this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            this.records = parser.iterator();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public Row next() throws IOException {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof RowTooLong) {
                throw new RowTooLong(index + 2);
            }
            throw new CsvSyntaxException(index + 2, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        } catch (IllegalStateException e) {
            throw new CsvSyntaxException(index + 2, e.getMessage());
        }
        index++;
        limit.rowEnded();
        if (record.size() > MAX_COLUMNS) {
            throw new TooManyColumns(index, record.size());
        }
        List<String> cells = new ArrayList<>(record.size());
        record.forEach(cells::add);
        return new Row(index, cells);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** The delimiter the first non-empty line uses most: comma, tab or semicolon. */
    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(SNIFF_CHARS + 1);
        char[] head = new char[SNIFF_CHARS];
        int length = reader.read(head, 0, SNIFF_CHARS);
        reader.reset();
        int commas = 0;
        int tabs = 0;
        int semicolons = 0;
        boolean quoted = false;
        boolean content = false;
        for (int i = 0; i < Math.max(length, 0); i++) {
            char c = head[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (content) {
                    break;
                }
            } else if (!quoted) {
                content |= !Character.isWhitespace(c);
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /**
     * Counts the characters the parser takes since the last row ended and stops it past
     * {@link #MAX_ROW_CHARS}: commons-csv has no limit of its own on a cell or a row.
     */
    private static final class RowLimit extends FilterReader {

        private long read;
        private long rowStart;

        RowLimit(Reader in) {
            super(in);
        }

        void rowEnded() {
            rowStart = read;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RowTooLong {
            read += n;
            // the parser reads ahead by its buffer, so the check allows that much on top of the limit
            if (read - rowStart > MAX_ROW_CHARS + SNIFF_CHARS) {
                throw new RowTooLong(-1);
            }
        }
    }

    /** A row longer than {@link #MAX_ROW_CHARS}, found at a spreadsheet row (-1 while the parser still reads it). */
    static final class RowTooLong extends IOException {

        final int spreadsheetRow;

        RowTooLong(int spreadsheetRow) {
            super("a row of more than " + MAX_ROW_CHARS + " characters");
            this.spreadsheetRow = spreadsheetRow;
        }
    }

    /** A row with more than {@link #MAX_COLUMNS} cells, at a spreadsheet row. */
    static final class TooManyColumns extends IOException {

        final int spreadsheetRow;

        TooManyColumns(int spreadsheetRow, int cells) {
            super(cells + " cells");
            this.spreadsheetRow = spreadsheetRow;
        }
    }

    /** A CSV file that breaks the quoting rules (a quoted cell never closed), found at a row. */
    static final class CsvSyntaxException extends IOException {

        final int spreadsheetRow;

        CsvSyntaxException(int spreadsheetRow, String detail) {
            super(detail);
            this.spreadsheetRow = spreadsheetRow;
        }
    }
}
