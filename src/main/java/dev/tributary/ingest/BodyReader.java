package dev.tributary.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.util.Arrays;
import org.springframework.http.MediaType;

/** Reads a request body up to a size limit and decodes it strictly in its declared charset. */
final class BodyReader {

    /** The body was larger than allowed. */
    static final class TooLarge extends Exception {
        final byte[] head;

        TooLarge(byte[] head) {
            super(null, null, false, false);
            this.head = head;
        }
    }

    /** The body was not text in its charset. */
    static final class BadEncoding extends Exception {
        BadEncoding(String message) {
            super(message, null, false, false);
        }
    }

    private BodyReader() {
    }

    /** At most {@code limit} bytes of {@code in}; more raises {@link TooLarge} with the first bytes. */
    static byte[] read(InputStream in, int limit) throws IOException, TooLarge {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new TooLarge(Arrays.copyOf(bytes, Math.min(bytes.length, 4096)));
        }
        return bytes;
    }

    /**
     * Reads and discards up to {@code max} more bytes of a body refused as too large, so that the
     * answer is not lost when the connection is closed on a client still sending (a reset discards
     * what the client has not read yet); a body longer still is cut off.
     */
    static void drain(InputStream in, long max) {
        try {
            long left = max;
            byte[] buffer = new byte[8192];
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away or stalled: there is nobody left to answer
        }
    }

    /** Decodes strictly in the charset of {@code contentType} (UTF-8 when none is declared). */
    static String decode(byte[] body, MediaType contentType) throws BadEncoding {
        Charset charset = contentType == null || contentType.getCharset() == null
                ? StandardCharsets.UTF_8 : contentType.getCharset();
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(body);
        try {
            String text = decoder.decode(buffer).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException | UnmappableCharacterException e) {
            throw new BadEncoding("the body is not valid " + charset.name() + ": bad byte sequence at byte "
                    + buffer.position() + "; send UTF-8 or declare the charset in Content-Type");
        } catch (CharacterCodingException e) {
            throw new BadEncoding("the body is not valid " + charset.name() + ": " + e.getMessage());
        }
    }

    /** The first bytes of a body too large to read, as text, for the rejected-records store. */
    static String sample(byte[] head) {
        return new String(head, StandardCharsets.UTF_8);
    }
}
