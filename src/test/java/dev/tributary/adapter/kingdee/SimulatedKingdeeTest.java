package dev.tributary.adapter.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves redelivery updates instead of creating, against the stateful simulator, and its faults. */
class SimulatedKingdeeTest {

    private static final String CUSTOMERS = KingdeeModels.CUSTOMER_FORM;
    private static final String ORDERS = KingdeeModels.ORDER_FORM;

    private final SimulatedKingdee kingdee = new SimulatedKingdee(0);

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private KingdeeAdapter adapter(boolean dataAsString) {
        return KingdeeTesting.adapter(kingdee.baseUrl(), Map.of("data-as-string", Boolean.toString(dataAsString)));
    }

    @ParameterizedTest(name = "data as string: {0}")
    @ValueSource(booleans = {false, true})
    void should_update_not_duplicate_when_the_same_events_are_delivered_twice(boolean dataAsString) {
        List<TargetEvent> customers = KingdeeTesting.events("customer-chinese-with-uscc", "customer-english-tax-id",
                "customer-minimal");
        List<TargetEvent> orders = KingdeeTesting.events("order-two-lines-cny", "order-eur-discount");
        try (KingdeeAdapter adapter = adapter(dataAsString)) {
            for (int round = 0; round < 2; round++) {
                assertThat(adapter.deliver(customers)).containsOnly(DeliveryOutcome.delivered());
                assertThat(adapter.deliver(orders)).containsOnly(DeliveryOutcome.delivered());
            }
        }
        assertThat(kingdee.creates(CUSTOMERS)).isEqualTo(3);
        assertThat(kingdee.updates(CUSTOMERS)).isEqualTo(3);
        assertThat(kingdee.creates(ORDERS)).isEqualTo(2);
        assertThat(kingdee.updates(ORDERS)).isEqualTo(2);
        assertThat(kingdee.record(ORDERS, "cn-east.fxiaoke.O-1001").orElseThrow().path("FSaleOrderEntry")).hasSize(2);
    }

    @Test
    void should_reject_a_create_of_a_number_it_holds_as_the_real_one_does() {
        try (KingdeeAdapter adapter = adapter(false)) {
            adapter.deliver(KingdeeTesting.events("customer-minimal"));
        }
        KingdeeMapping mapping = new KingdeeMapping();
        var save = mapping.requests(KingdeeTesting.events("customer-minimal")).get(1);
        // the first delivery's Save (FCUSTID 0) sent again as it is, without the query before it
        KingdeeSigner signer = new KingdeeSigner(KingdeeSettings.defaults());
        assertThat(save.path("body").path("data").path("Model").path("FCUSTID").asInt()).isZero();
        try (var http = new dev.tributary.targets.TargetHttp(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5), 1)) {
            String url = kingdee.baseUrl() + save.path("path").asText();
            var headers = new java.util.HashMap<>(signer.headers(java.net.URI.create(url).getPath(), java.time.Instant.now()));
            var answer = http.send("POST", url, headers, save.path("body").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            KingdeeAnswer read = KingdeeAnswer.read(answer.status(), answer.text(), null, KingdeeTesting.JSON);
            assertThat(read.status().success()).isFalse();
            assertThat(read.status().errors().get(0).describe()).contains("FNumber").contains("已经存在");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(kingdee.creates(CUSTOMERS)).isEqualTo(1);
    }

    @Test
    void should_answer_a_wrong_app_secret_with_a_signature_failure_read_as_auth_not_repeated() {
        try (SimulatedKingdee other = new SimulatedKingdee(0, KingdeeTesting.APP_ID, "another-secret");
                KingdeeAdapter adapter = KingdeeTesting.adapter(other.baseUrl())) {
            DeliveryOutcome outcome = adapter.deliver(KingdeeTesting.events("customer-minimal")).get(0);
            assertThat(outcome.isTransient()).as(outcome.describe()).isTrue();
            assertThat(outcome.code()).isEqualTo(KingdeeErrors.AUTH);
            assertThat(outcome.reason()).contains("签名");
            assertThat(other.calls()).isEqualTo(1);
            assertThat(other.creates(CUSTOMERS)).isZero();
        }
    }

    @Test
    void should_deliver_after_a_lost_session_and_park_after_busy_answers() {
        try (KingdeeAdapter adapter = adapter(false)) {
            kingdee.loseSessionNext(1);
            assertThat(adapter.deliver(KingdeeTesting.events("customer-minimal"))).containsExactly(DeliveryOutcome.delivered());
            kingdee.failNext(1, 13, "网控冲突：客户正在被其他用户修改");
            assertThat(adapter.deliver(KingdeeTesting.events("customer-minimal")).get(0).isTransient()).isTrue();
            assertThat(adapter.deliver(KingdeeTesting.events("customer-minimal"))).containsExactly(DeliveryOutcome.delivered());
        }
        assertThat(kingdee.creates(CUSTOMERS)).isEqualTo(1);
        assertThat(kingdee.updates(CUSTOMERS)).isEqualTo(1);
    }

    @Test
    void should_fail_only_the_records_of_the_failing_customer_in_a_batch() {
        kingdee.failRecordsOf("GC-0A1B2C3D4E5F6071", "客户已冻结");
        try (KingdeeAdapter adapter = adapter(false)) {
            List<DeliveryOutcome> outcomes = adapter.deliver(KingdeeTesting.events("customer-chinese-with-uscc",
                    "customer-english-tax-id", "customer-minimal"));
            assertThat(outcomes.get(0).isDelivered()).isTrue();
            assertThat(outcomes.get(1).isPermanent()).isTrue();
            assertThat(outcomes.get(1).reason()).contains("客户已冻结");
            assertThat(outcomes.get(2).isDelivered()).isTrue();
            List<DeliveryOutcome> orders = adapter.deliver(KingdeeTesting.events("order-two-lines-cny", "order-eur-discount"));
            assertThat(orders.get(0).isDelivered()).isTrue();
            assertThat(orders.get(1).reason()).contains("客户已冻结");
        }
        assertThat(kingdee.creates(CUSTOMERS)).isEqualTo(2);
    }

    @Test
    void should_refuse_an_order_of_a_customer_it_does_not_hold() {
        try (KingdeeAdapter adapter = adapter(false)) {
            DeliveryOutcome outcome = adapter.deliver(KingdeeTesting.events("order-two-lines-cny")).get(0);
            assertThat(outcome.isPermanent()).isTrue();
            assertThat(outcome.reason()).contains("FCustId: 客户“GC-280111D1E047C895”不存在");
        }
    }

    @Test
    void should_forbid_on_merge_enable_on_unmerge_and_cancel_once() throws Exception {
        byte[] merged = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                "src/test/resources/target-events/customer-minimal.json")), java.nio.charset.StandardCharsets.UTF_8)
                .replace("GC-00000000000000A1", "GC-7E8F0E112D24B539").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (KingdeeAdapter adapter = adapter(true)) {
            adapter.deliver(List.of(TargetEvent.of(merged, KingdeeTesting.JSON)));
            adapter.deliver(KingdeeTesting.events("customer-minimal"));
            assertThat(adapter.deliver(KingdeeTesting.events("customer-merge"))).containsExactly(DeliveryOutcome.delivered());
            assertThat(kingdee.record(CUSTOMERS, "GC-7E8F0E112D24B539").orElseThrow().path("_status").asText()).isEqualTo("B");
            assertThat(adapter.deliver(KingdeeTesting.events("customer-merge"))).containsExactly(DeliveryOutcome.delivered());
            assertThat(adapter.deliver(KingdeeTesting.events("customer-unmerge"))).containsExactly(DeliveryOutcome.delivered());
            assertThat(kingdee.record(CUSTOMERS, "GC-7E8F0E112D24B539").orElseThrow().path("_status").asText()).isEqualTo("A");

            byte[] confirmed = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                    "src/test/resources/target-events/order-distributor-cancelled.json")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("CANCELLED", "CONFIRMED").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(adapter.deliver(List.of(TargetEvent.of(confirmed, KingdeeTesting.JSON)))).containsExactly(DeliveryOutcome.delivered());
            int calls = kingdee.calls();
            assertThat(adapter.deliver(KingdeeTesting.events("order-distributor-cancelled"))).containsExactly(DeliveryOutcome.delivered());
            assertThat(kingdee.calls()).isEqualTo(calls + 2);
            assertThat(adapter.deliver(KingdeeTesting.events("order-distributor-cancelled"))).containsExactly(DeliveryOutcome.delivered());
            assertThat(kingdee.calls()).isEqualTo(calls + 3);
            assertThat(kingdee.record(ORDERS, "cn-east.distributor-files.D01-7788").orElseThrow().path("_status").asText()).isEqualTo("B");
        }
    }

    @Test
    void should_deliver_from_many_threads_at_once() throws Exception {
        byte[] template = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                "src/test/resources/target-events/customer-minimal.json"));
        String text = new String(template, java.nio.charset.StandardCharsets.UTF_8);
        try (KingdeeAdapter adapter = adapter(false)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<List<DeliveryOutcome>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "GC-THREAD" + String.format("%011d", i);
                TargetEvent event = TargetEvent.of(text.replace("GC-00000000000000A1", id)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), KingdeeTesting.JSON);
                results.add(pool.submit(() -> adapter.deliver(List.of(event))));
            }
            for (var result : results) {
                assertThat(result.get()).containsExactly(DeliveryOutcome.delivered());
            }
            pool.shutdown();
        }
        assertThat(kingdee.creates(CUSTOMERS)).isEqualTo(40);
    }
}
