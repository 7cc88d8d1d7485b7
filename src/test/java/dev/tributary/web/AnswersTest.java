package dev.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** Proves that a page holds at most the limit and links the next page (RFC 8288) with the region encoded. */
class AnswersTest {

    private static final List<Long> ROWS = LongStream.rangeClosed(1, 51).map(i -> 1300 - i).boxed().toList();

    @Test
    void should_link_the_next_page_before_the_last_id() {
        ResponseEntity<List<Long>> page = Answers.page("/api/rejected", "cn-east", 50, ROWS, id -> id, id -> id);

        assertThat(page.getBody()).hasSize(50);
        assertThat(page.getHeaders().getFirst(HttpHeaders.LINK))
                .isEqualTo("</api/rejected?region=cn-east&limit=50&before=1250>; rel=\"next\"");
        assertThat(Answers.page("/api/files", null, 200, ROWS.subList(0, 8), id -> id, id -> id).getHeaders()
                .getFirst(HttpHeaders.LINK)).as("no next page").isNull();
        assertThat(Answers.page("/api/files", null, 7, ROWS.subList(0, 8), id -> id, id -> id).getHeaders()
                .getFirst(HttpHeaders.LINK)).isEqualTo("</api/files?limit=7&before=1293>; rel=\"next\"");
    }

    @Test
    void should_encode_a_region_that_is_not_url_safe() {
        assertThat(Answers.page("/api/rejected", "华东 a&b=c", 10, ROWS, id -> id, id -> id).getHeaders()
                .getFirst(HttpHeaders.LINK)).isEqualTo(
                        "</api/rejected?region=%E5%8D%8E%E4%B8%9C%20a%26b%3Dc&limit=10&before=1290>; rel=\"next\"");
    }
}
