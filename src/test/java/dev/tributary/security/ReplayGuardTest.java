package dev.tributary.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Proves that a signature is accepted once while it can be replayed, and that the cache stays bounded. */
class ReplayGuardTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void should_accept_a_signature_once_until_it_goes_stale() {
        ReplayGuard guard = new ReplayGuard(10);
        byte[] mac = mac(1);
        assertThat(guard.firstUse(mac, NOW.getEpochSecond() + 300, NOW)).isTrue();
        assertThat(guard.firstUse(mac.clone(), NOW.getEpochSecond() + 300, NOW.plusSeconds(299))).isFalse();
        assertThat(guard.firstUse(mac(2), NOW.getEpochSecond() + 300, NOW)).isTrue();
    }

    @Test
    void should_forget_signatures_once_they_are_stale() {
        ReplayGuard guard = new ReplayGuard(10);
        guard.firstUse(mac(1), NOW.getEpochSecond() + 300, NOW);
        guard.firstUse(mac(2), NOW.getEpochSecond() + 310, NOW);
        guard.firstUse(mac(3), NOW.getEpochSecond() + 900, NOW.plusSeconds(305));
        assertThat(guard.size()).isEqualTo(2);
    }

    @Test
    void should_keep_at_most_its_capacity_dropping_the_oldest() {
        ReplayGuard guard = new ReplayGuard(3);
        for (int i = 0; i < 5; i++) {
            assertThat(guard.firstUse(mac(i), NOW.getEpochSecond() + 300, NOW)).isTrue();
        }
        assertThat(guard.size()).isEqualTo(3);
        assertThat(guard.firstUse(mac(4), NOW.getEpochSecond() + 300, NOW)).isFalse();
    }

    private static byte[] mac(int n) {
        byte[] mac = new byte[32];
        mac[0] = (byte) n;
        return mac;
    }
}
