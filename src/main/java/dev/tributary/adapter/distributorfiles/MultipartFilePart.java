package dev.tributary.adapter.distributorfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams one named part out of a {@code multipart/form-data} body (RFC 7578) without holding the
 * part in memory: the servlet container's own parser would spool the whole request first, and a
 * signed upload's body must be read exactly once, as sent.
 */
final class MultipartFilePart {

    /** The body is not multipart as declared, or a part's headers are malformed. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The part is larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the part is larger than the limit");
        }
    }

    private static final int MAX_HEADER_BYTES = 8192;
    private static final int BUFFER = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final Pattern FILENAME_STAR = Pattern.compile("(?i);\\s*filename\\*=UTF-8''([^;\\s]+)");

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private boolean eof;

    private MultipartFilePart(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A part found: its form-field name and the file name the client sent (may be null). */
    record Part(String name, String filename) {
    }

    /**
     * Copies the content of the first part named {@code wanted} to {@code out}, at most {@code limit}
     * bytes, and returns its headers; null when the body has no such part.
     */
    static Part copy(InputStream in, String boundary, String wanted, OutputStream out, long limit) throws IOException {
        MultipartFilePart parser = new MultipartFilePart(in, boundary);
        // the body starts with "--boundary"; seen as if preceded by CRLF so one delimiter serves all
        parser.buffer[0] = '\r';
        parser.buffer[1] = '\n';
        parser.end = 2;
        parser.skipPart(); // the preamble
        while (true) {
            if (!parser.afterDelimiter()) {
                return null;
            }
            Part part = parser.headers();
            if (wanted.equals(part.name())) {
                parser.copyPart(out, limit);
                return part;
            }
            parser.skipPart();
        }
    }

    /** After a delimiter: true when a part follows, false at the closing "--". */
    private boolean afterDelimiter() throws IOException {
        fill(2);
        if (end - start < 2) {
            throw new Malformed("the body ends inside the multipart delimiter");
        }
        if (buffer[start] == '-' && buffer[start + 1] == '-') {
            return false;
        }
        // transport padding, then CRLF
        while (true) {
            fill(1);
            if (start >= end) {
                throw new Malformed("the body ends after a multipart delimiter");
            }
            byte b = buffer[start++];
            if (b == '\n') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r') {
                throw new Malformed("a multipart delimiter is followed by other text");
            }
        }
    }

    private Part headers() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (true) {
            fill(1);
            if (start >= end) {
                throw new Malformed("the body ends inside a part's headers");
            }
            text.write(buffer[start++]);
            byte[] h = text.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n'
                    || n == 2 && h[0] == '\r' && h[1] == '\n') {
                break;
            }
            if (n > MAX_HEADER_BYTES) {
                throw new Malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        String name = null;
        String filename = null;
        for (String line : text.toString(StandardCharsets.UTF_8).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                name = group(NAME, line);
                String star = group(FILENAME_STAR, line);
                filename = star != null ? java.net.URLDecoder.decode(star.replace("+", "%2B"), StandardCharsets.UTF_8)
                        : group(FILENAME, line);
            }
        }
        return new Part(name, filename);
    }

    private void skipPart() throws IOException {
        copyPart(OutputStream.nullOutputStream(), Long.MAX_VALUE);
    }

    /** Copies bytes up to the next delimiter (consumed), at most {@code limit} of them. */
    private void copyPart(OutputStream out, long limit) throws IOException {
        long copied = 0;
        while (true) {
            fill(delimiter.length);
            int at = indexOf(delimiter, start, end);
            if (at >= 0) {
                copied += at - start;
                if (copied > limit) {
                    throw new TooLarge();
                }
                out.write(buffer, start, at - start);
                start = at + delimiter.length;
                return;
            }
            if (eof) {
                throw new Malformed("the body ends before the closing multipart delimiter");
            }
            // keep what may be the start of a delimiter
            int safe = Math.max(start, end - delimiter.length + 1);
            copied += safe - start;
            if (copied > limit) {
                throw new TooLarge();
            }
            out.write(buffer, start, safe - start);
            start = safe;
        }
    }

    /** Reads until at least {@code wanted} bytes are buffered, or the body ends. */
    private void fill(int wanted) throws IOException {
        if (end - start >= wanted && end - start >= delimiter.length || eof) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < buffer.length && !eof) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
                if (end - start >= wanted && end - start >= delimiter.length) {
                    break;
                }
            }
        }
    }

    private int indexOf(byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String group(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** The boundary of a {@code multipart/form-data} content type, or null. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = Pattern.compile("(?i);\\s*boundary=(\"([^\"]+)\"|[^;\\s]+)").matcher(contentType);
        if (!m.find()) {
            return null;
        }
        String b = m.group(2) != null ? m.group(2) : m.group(1);
        return b.isEmpty() || b.length() > 70 ? null : b;
    }
}
