package dev.tributary.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves what the dispatch route remembers of a target's deliveries: only the latest ones. */
class RecentDeliveriesTest {

    @Test
    void should_remember_a_delivery() {
        RecentDeliveries recent = new RecentDeliveries(10);

        recent.delivered("E-1");

        assertThat(recent.wasDelivered("E-1")).isTrue();
        assertThat(recent.wasDelivered("E-2")).isFalse();
    }

    @Test
    void should_forget_the_oldest_deliveries_beyond_its_capacity() {
        RecentDeliveries recent = new RecentDeliveries(3);

        for (int i = 1; i <= 5; i++) {
            recent.delivered("E-" + i);
        }

        assertThat(recent.wasDelivered("E-1")).isFalse();
        assertThat(recent.wasDelivered("E-2")).isFalse();
        assertThat(recent.wasDelivered("E-3")).isTrue();
        assertThat(recent.wasDelivered("E-5")).isTrue();
    }

    @Test
    void should_know_nothing_of_an_event_without_id() {
        RecentDeliveries recent = new RecentDeliveries(3);

        recent.delivered(null);

        assertThat(recent.wasDelivered(null)).isFalse();
    }
}
