package dev.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.json.HubObjectMapper;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Proves that a body whose JSON tree would be far larger than the body is refused while it is parsed. */
class IngestBodyTest {

    private final IngestBody bodies = new IngestBody(HubObjectMapper.create(), 1_048_576, 500);

    @Test
    void should_refuse_a_body_with_more_values_than_the_token_limit() {
        String wide = "{\"type\": \"order\", \"data\": {\"x\": [" + String.join(",", Collections.nCopies(60_000, "{}"))
                + "]}}";

        IngestBody.Unreadable refused = catchThrowableOfType(IngestBody.Unreadable.class, () -> bodies.read(wide));

        assertThat(refused.status.value()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("more than 100000 values");
    }
}
