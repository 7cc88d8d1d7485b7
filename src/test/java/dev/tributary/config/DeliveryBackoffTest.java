package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Proves the retry backoff of a parked event: none on the first delivery, then exponential, capped. */
class DeliveryBackoffTest {

    private final HubProperties.Delivery delivery = new HubProperties.Delivery(Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(60), 6, Duration.ofMinutes(10), 0.2, Duration.ofMillis(250));

    @Test
    void should_not_wait_before_the_first_delivery() {
        assertThat(delivery.delayBeforeAttempt(1)).isZero();
    }

    @Test
    void should_double_the_wait_with_each_redelivery() {
        assertThat(delivery.delayBeforeAttempt(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(delivery.delayBeforeAttempt(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delivery.delayBeforeAttempt(5)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void should_cap_the_wait_at_the_maximum() {
        assertThat(delivery.delayBeforeAttempt(30)).isEqualTo(Duration.ofSeconds(60));
    }
}
