package dev.tributary.adapter.distributorfiles;

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
                    return GB18030;
                }
                chars.clear();
                bytes.compact();
                if (end && !result.isOverflow()) {
                    return decoder.flush(chars).isError() || bytes.position() > 0 ? GB18030 : StandardCharsets.UTF_8;
                }
            }
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
