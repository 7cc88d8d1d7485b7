package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Proves the streaming multipart reader finds the file part exactly, however the body arrives. */
class MultipartFilePartTest {

    private static final String BOUNDARY = "----b0undary";

    @Test
    void should_copy_the_file_part_byte_for_byte_even_when_the_body_arrives_one_byte_at_a_time() throws IOException {
        byte[] content = new byte[200_000];
        new Random(7).nextBytes(content);
        content[1000] = '\r';
        content[1001] = '\n';
        content[1002] = '-';
        content[1003] = '-'; // a partial delimiter inside the data
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartFilePart.Part part = MultipartFilePart.copy(trickle(body(content)), BOUNDARY, "file", out, 1_000_000);

        assertThat(part.filename()).isEqualTo("订单.csv");
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void should_answer_no_part_when_the_body_has_no_file_part() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--" + BOUNDARY + "--\r\n";
        assertThat(MultipartFilePart.copy(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), BOUNDARY,
                "file", OutputStream.nullOutputStream(), 100)).isNull();
    }

    @Test
    void should_stop_at_the_limit_and_refuse_a_body_without_closing_delimiter() {
        byte[] content = new byte[5000];
        assertThatThrownBy(() -> MultipartFilePart.copy(new ByteArrayInputStream(body(content)), BOUNDARY, "file",
                OutputStream.nullOutputStream(), 4999)).isInstanceOf(MultipartFilePart.TooLarge.class);
        String cut = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc";
        assertThatThrownBy(() -> MultipartFilePart.copy(new ByteArrayInputStream(cut.getBytes(StandardCharsets.UTF_8)),
                BOUNDARY, "file", OutputStream.nullOutputStream(), 100)).isInstanceOf(MultipartFilePart.Malformed.class);
    }

    @Test
    void should_read_the_boundary_of_a_content_type() {
        assertThat(MultipartFilePart.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartFilePart.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartFilePart.boundary("multipart/form-data")).isNull();
    }

    private static byte[] body(byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("preamble\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"订单.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
