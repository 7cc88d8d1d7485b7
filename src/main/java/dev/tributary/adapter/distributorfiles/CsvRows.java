package dev.tributary.adapter.distributorfiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private int index = -1;

    CsvRows(Path file, Charset charset) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (charset.equals(StandardCharsets.UTF_8) && TextEncoding.hasBom(file)) {
                in.skipNBytes(3);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset), SNIFF_CHARS * 2);
            char delimiter = delimiter(reader);
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
            throw new CsvSyntaxException(index + 2, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        } catch (IllegalStateException e) {
            throw new CsvSyntaxException(index + 2, e.getMessage());
        }
        index++;
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

    /** A CSV file that breaks the quoting rules (a quoted cell never closed), found at a row. */
    static final class CsvSyntaxException extends IOException {

        final int spreadsheetRow;

        CsvSyntaxException(int spreadsheetRow, String detail) {
            super(detail);
            this.spreadsheetRow = spreadsheetRow;
        }
    }
}
