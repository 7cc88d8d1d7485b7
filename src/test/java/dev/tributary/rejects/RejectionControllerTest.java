package dev.tributary.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves that the next-page link is an RFC 8288 link that keeps the region, encoded, and the limit. */
class RejectionControllerTest {

    @Test
    void should_link_the_next_page_before_the_last_id() {
        assertThat(RejectionController.next("cn-east", 50, 1234))
                .isEqualTo("</api/rejected?region=cn-east&limit=50&before=1234>; rel=\"next\"");
        assertThat(RejectionController.next(null, 200, 7)).isEqualTo("</api/rejected?limit=200&before=7>; rel=\"next\"");
    }

    @Test
    void should_encode_a_region_that_is_not_url_safe() {
        assertThat(RejectionController.next("华东 a&b=c", 10, 5)).isEqualTo(
                "</api/rejected?region=%E5%8D%8E%E4%B8%9C%20a%26b%3Dc&limit=10&before=5>; rel=\"next\"");
    }
}
