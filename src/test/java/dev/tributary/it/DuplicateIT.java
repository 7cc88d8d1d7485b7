package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Proves that the same source event posted twice is acknowledged twice and delivered once. */
class DuplicateIT extends H2HubIT {

    @Test
    void should_deliver_a_repeated_source_event_once() {
        String orderId = unique("SO");
        String customer = "C-" + orderId;
        String code = uscc(orderId);
        HttpResponse<String> first = post("cn-east", orderItem(orderId, customer, code));
        HttpResponse<String> second = post("cn-east", orderItem(orderId, customer, code));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(json(second.body()).at("/accepted/0/eventId").asText())
                .isEqualTo(json(first.body()).at("/accepted/0/eventId").asText());

        // a later event of the same customer: once it is delivered, anything queued before it is too
        String marker = unique("SO");
        assertThat(post("cn-east", orderItem(marker, customer, code)).statusCode()).isEqualTo(202);
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + marker, 1);
        awaitUpserts(erp(), "/erp/orders/cn-east.fxiaoke." + marker, 1);

        assertThat(upserts(crm(), "/crm/orders/cn-east.fxiaoke." + orderId)).hasSize(1);
        assertThat(upserts(erp(), "/erp/orders/cn-east.fxiaoke." + orderId)).hasSize(1);
    }

    @Test
    void should_deliver_once_when_a_batch_repeats_an_event_already_accepted() {
        String repeated = unique("SO");
        String fresh = unique("SO");
        assertThat(post("cn-east", orderItem(repeated, "C-" + repeated, uscc(repeated))).statusCode()).isEqualTo(202);
        HttpResponse<String> batch = post("cn-east", "[" + orderItem(repeated, "C-" + repeated, uscc(repeated)) + ","
                + orderItem(fresh, "C-" + fresh, uscc(fresh)) + "]");
        assertThat(batch.statusCode()).isEqualTo(202);

        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + fresh, 1);
        String marker = unique("SO");
        post("cn-east", orderItem(marker, "C-" + repeated, uscc(repeated)));
        awaitUpserts(crm(), "/crm/orders/cn-east.fxiaoke." + marker, 1);
        assertThat(upserts(crm(), "/crm/orders/cn-east.fxiaoke." + repeated)).hasSize(1);
    }
}
