package dev.tributary.adapter.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Proves the login-session alternative: one login shared by all threads, a lost session renewed once. */
class KingdeeSessionTest {

    private final SimulatedKingdee kingdee = new SimulatedKingdee(0);

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private KingdeeAdapter adapter(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("auth-mode", "session");
        return KingdeeTesting.adapter(kingdee.baseUrl(), settings);
    }

    @Test
    void should_log_in_once_for_many_threads_and_deliver_with_the_session_cookie() throws Exception {
        String text = Files.readString(Path.of("src/test/resources/target-events/customer-minimal.json"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (KingdeeAdapter adapter = adapter(Map.of())) {
            List<Future<List<DeliveryOutcome>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                TargetEvent event = TargetEvent.of(text.replace("GC-00000000000000A1", "GC-SESSION" + String.format("%010d", i))
                        .getBytes(StandardCharsets.UTF_8), KingdeeTesting.JSON);
                results.add(pool.submit(() -> adapter.deliver(List.of(event))));
            }
            for (Future<List<DeliveryOutcome>> result : results) {
                assertThat(result.get()).containsExactly(DeliveryOutcome.delivered());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(kingdee.logins()).isEqualTo(1);
        assertThat(kingdee.creates(KingdeeModels.CUSTOMER_FORM)).isEqualTo(16);
    }

    @Test
    void should_log_in_again_once_and_repeat_the_call_when_the_session_expired() {
        try (KingdeeAdapter adapter = adapter(Map.of())) {
            assertThat(adapter.deliver(KingdeeTesting.events("customer-minimal"))).containsExactly(DeliveryOutcome.delivered());
            kingdee.expireSessions();
            int calls = kingdee.calls();
            assertThat(adapter.deliver(KingdeeTesting.events("customer-minimal"))).containsExactly(DeliveryOutcome.delivered());
            // the query lost its session, a login, the query again, the Save
            assertThat(kingdee.calls()).isEqualTo(calls + 4);
        }
        assertThat(kingdee.logins()).isEqualTo(2);
        assertThat(kingdee.updates(KingdeeModels.CUSTOMER_FORM)).isEqualTo(1);
    }

    @Test
    void should_read_a_refused_login_as_auth_so_that_the_events_wait() {
        try (KingdeeAdapter adapter = adapter(Map.of("app-secret", "wrong"))) {
            DeliveryOutcome outcome = adapter.deliver(KingdeeTesting.events("customer-minimal")).get(0);
            assertThat(outcome.isTransient()).as(outcome.describe()).isTrue();
            assertThat(outcome.code()).isEqualTo(KingdeeErrors.AUTH);
            assertThat(outcome.reason()).contains("LoginByAppSecret refused").doesNotContain("wrong");
        }
        assertThat(kingdee.logins()).isZero();
    }
}
