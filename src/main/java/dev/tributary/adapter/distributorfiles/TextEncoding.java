package dev.tributary.adapter.distributorfiles;

import dev.tributary.ingest.UnreadableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the encoding of a CSV file the way Chinese spreadsheets write them: a byte-order mark or
 * bytes that are strictly valid UTF-8 mean UTF-8; anything else is GB18030, which reads GBK and
 * GB2312 too. The whole file is checked in a stream, so a GBK character late in the file counts.
 */
final class TextEncoding {

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextEncoding() {
    }

    static Charset detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            if (head.length == 3 && head[0] == BOM[0] && head[1] == BOM[1] && head[2] == BOM[2]) {
                return StandardCharsets.UTF_8;
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            CharBuffer chars = CharBuffer.allocate(64 * 1024);
            bytes.put(head);
            long wide = 0;
            long malformed = 0;
            boolean end = false;
            while (true) {
                if (!end) {
                    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (read < 0) {
                        end = true;
                    } else {
                        bytes.position(bytes.position() + read);
                    }
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                if (result.isError()) {
                    malformed++;
                    bytes.position(bytes.position() + result.length());
                }
                chars.flip();
                while (chars.hasRemaining()) {
                    wide += chars.get() > 0x7F ? 1 : 0;
                }
                chars.clear();
                boolean drained = !bytes.hasRemaining();
                bytes.compact();
                if (end && drained && !result.isOverflow()) {
                    break;
                }
            }
            if (malformed == 0) {
                return StandardCharsets.UTF_8;
            }
            // GBK text seldom forms valid UTF-8 sequences; a file mostly of them is UTF-8 with a few
            // bad bytes, and reading it as GBK would turn every Chinese name into other characters
            if (wide > malformed) {
                throw new UnreadableInputException("the file is UTF-8 text except for " + malformed + " places"
                        + " that are not UTF-8 (a mix of encodings, or a damaged copy); read as GBK its Chinese text"
                        + " would be garbled: save it again as UTF-8 or GBK and send it again");
            }
            return GB18030;
        }
    }

    /** Whether the file starts with the UTF-8 byte-order mark, which a reader must skip. */
    static boolean hasBom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && head[0] == BOM[0] && head[1] == BOM[1] && head[2] == BOM[2];
        }
    }
}
