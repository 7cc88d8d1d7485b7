package dev.tributary.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves what the dispatch route remembers of its deliveries: per target, and only the latest ones. */
class RecentDeliveriesTest {

    @Test
    void should_remember_a_delivery_for_its_target_only() {
        RecentDeliveries recent = new RecentDeliveries(10);

        recent.delivered("crm", "E-1");

        assertThat(recent.wasDelivered("crm", "E-1")).isTrue();
        assertThat(recent.wasDelivered("erp", "E-1")).isFalse();
        assertThat(recent.wasDelivered("crm", "E-2")).isFalse();
    }

    @Test
    void should_forget_the_oldest_deliveries_beyond_its_capacity() {
        RecentDeliveries recent = new RecentDeliveries(3);

        for (int i = 1; i <= 5; i++) {
            recent.delivered("crm", "E-" + i);
        }

        assertThat(recent.wasDelivered("crm", "E-1")).isFalse();
        assertThat(recent.wasDelivered("crm", "E-2")).isFalse();
        assertThat(recent.wasDelivered("crm", "E-3")).isTrue();
        assertThat(recent.wasDelivered("crm", "E-5")).isTrue();
    }

    @Test
    void should_know_nothing_of_an_event_without_id() {
        RecentDeliveries recent = new RecentDeliveries(3);

        recent.delivered("crm", null);

        assertThat(recent.wasDelivered("crm", null)).isFalse();
    }
}
