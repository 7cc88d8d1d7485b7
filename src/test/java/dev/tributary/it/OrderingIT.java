package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves per-customer order: the events of one customer reach each target in the order they were
 * accepted, across the concurrent consumers, also when one of them fails and is retried; and
 * other customers flow meanwhile.
 */
class OrderingIT extends H2HubIT {

    @Test
    void should_deliver_each_customers_events_in_source_order() {
        String run = unique("ORD");
        List<String> customers = List.of(run + "-A", run + "-B", run + "-C", run + "-D", run + "-E");
        for (int i = 0; i < 10; i++) {
            StringBuilder batch = new StringBuilder("[");
            for (String customer : customers) {
                batch.append(batch.length() > 1 ? "," : "").append(orderItem(customer + "-" + i, customer, uscc(customer)));
            }
            assertThat(post("cn-east", batch.append(']').toString()).statusCode()).isEqualTo(202);
        }
        for (String customer : customers) {
            assertInOrder(crm(), "/crm", customer, 10);
            assertInOrder(erp(), "/erp", customer, 10);
        }
    }

    @Test
    void should_keep_a_customers_order_when_one_event_is_redelivered_and_let_others_flow() {
        String slow = unique("ORD") + "-S";
        String other = unique("ORD") + "-O";
        String first = "/erp/orders/cn-east.fxiaoke." + slow + "-0";
        // the first event fails three times: it is parked, and its customer's later events behind it
        answerInTurn(erp(), first, aResponse().withStatus(503), aResponse().withStatus(503),
                aResponse().withStatus(503), aResponse().withStatus(200));
        for (int i = 0; i < 5; i++) {
            assertThat(post("cn-east", "[" + orderItem(slow + "-" + i, slow, uscc(slow)) + ","
                    + orderItem(other + "-" + i, other, uscc(other)) + "]").statusCode()).isEqualTo(202);
        }
        assertInOrder(erp(), "/erp", other, 5);
        assertInOrder(erp(), "/erp", slow, 5);
        assertInOrder(crm(), "/crm", slow, 5);
    }

    @Test
    void should_not_send_again_the_events_rolled_back_with_a_failing_one() {
        String customer = unique("ORD") + "-B";
        String failing = "/erp/orders/cn-east.fxiaoke." + customer + "-5";
        // the sixth event fails three times, in the middle of the consumer's batch: the events
        // delivered before it are not sent again, the ones after it wait behind it
        answerInTurn(erp(), failing, aResponse().withStatus(503), aResponse().withStatus(503),
                aResponse().withStatus(503), aResponse().withStatus(200));
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append(i > 0 ? "," : "").append(orderItem(customer + "-" + i, customer, uscc(customer)));
        }
        assertThat(post("cn-east", batch.append(']').toString()).statusCode()).isEqualTo(202);

        assertInOrder(erp(), "/erp", customer, 10);
        assertInOrder(crm(), "/crm", customer, 10);
        assertThat(upserts(erp(), failing.replace(".", "\\."))).as("attempts of the failing event").hasSize(4);
        for (int i = 0; i < 10; i++) {
            if (i != 5) {
                assertThat(upserts(erp(), "/erp/orders/cn-east\\.fxiaoke\\." + customer + "-" + i))
                        .as("upserts of event %d (an event the ERP acknowledged is not sent again)", i).hasSize(1);
            }
        }
    }

    /** The target's successful upserts of one customer's orders came in sequence order. */
    private void assertInOrder(WireMockServer target, String prefix, String customer, int count) {
        String pattern = prefix + "/orders/cn-east\\.fxiaoke\\." + customer + "-[0-9]+";
        awaitDistinct(target, pattern, count);
        List<LoggedRequest> requests = new ArrayList<>(target.findAll(putRequestedFor(urlPathMatching(pattern))));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        List<Integer> sequence = new ArrayList<>();
        for (LoggedRequest r : requests) {
            int n = Integer.parseInt(r.getUrl().substring(r.getUrl().lastIndexOf('-') + 1));
            if (sequence.isEmpty() || sequence.get(sequence.size() - 1) != n) {
                sequence.add(n); // a retried request of the same event is not a reordering
            }
        }
        assertThat(sequence).as("order of %s at %s", customer, prefix).isSorted().hasSize(count);
    }

    private static void awaitDistinct(WireMockServer target, String pattern, int count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> target.findAll(putRequestedFor(urlPathMatching(pattern))).stream()
                        .map(LoggedRequest::getUrl).distinct().count() >= count);
    }
}
