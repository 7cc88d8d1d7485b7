package dev.tributary.dispatch;

import dev.tributary.broker.HubHeaders;
import dev.tributary.config.HubProperties;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * Decides what a failed delivery does next: retry in the route (transient, few in-route attempts
 * so far), roll back to the broker (transient, more deliveries left), or go to the dead-letter
 * queue (permanent, or the last delivery the hub allows). Every decision is a pure function of
 * the exchange, so the route may ask it more than once.
 */
class FailurePolicy {

    /** Exchange property holding the broker delivery count of the message being delivered. */
    static final String DELIVERY_COUNT = "tributaryDeliveryCount";

    private final HubProperties.Delivery delivery;
    private final Clock clock;

    FailurePolicy(HubProperties.Delivery delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    /** Whether to retry now, in the route; sets the delay to a target's Retry-After when it asks. */
    public boolean retryInRoute(Exchange exchange) {
        Failure failure = failure(exchange);
        // Camel numbers the redelivery it is deciding on: 1 before the first retry
        int retry = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        if (failure.permanent() || retry > delivery.routeRetries()) {
            return false;
        }
        Duration retryAfter = failure.retryAfter();
        if (retryAfter != null) {
            if (retryAfter.compareTo(delivery.maxRetryAfter()) > 0) {
                return false;
            }
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, retryAfter.toMillis());
        }
        return true;
    }

    /**
     * Waits before a redelivery, in the consumer: the broker redelivers at once (to keep the
     * customer's order), so the backoff happens here, holding back only the messages behind it.
     */
    void backOffBeforeRedelivery(Exchange exchange) throws InterruptedException {
        Duration wait = delivery.delayBeforeDelivery(deliveryCount(exchange));
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
    }

    /** Whether this failure ends in the dead-letter queue now (else the broker redelivers). */
    public boolean deadLetterNow(Exchange exchange) {
        return failure(exchange).permanent() || deliveryCount(exchange) >= delivery.maxAttempts();
    }

    /** Adds the reason headers to the message bound for the dead-letter queue. */
    void describe(Exchange exchange, String target) {
        Failure failure = failure(exchange);
        var message = exchange.getMessage();
        message.setHeader(HubHeaders.FAILURE_REASON, failure.reason());
        message.setHeader(HubHeaders.FAILURE_KIND, failure.permanent() ? "PERMANENT" : "RETRIES_EXHAUSTED");
        message.setHeader(HubHeaders.FAILURE_STATUS, failure.httpStatus());
        message.setHeader(HubHeaders.FAILURE_TARGET, target);
        message.setHeader(HubHeaders.FAILURE_ATTEMPTS, deliveryCount(exchange));
        message.setHeader(HubHeaders.FAILED_AT, clock.instant().toString());
    }

    Failure failure(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return error == null ? new Failure(false, null, null, "unknown failure") : Failure.of(error, clock.instant());
    }

    static int deliveryCount(Exchange exchange) {
        Integer count = exchange.getProperty(DELIVERY_COUNT, Integer.class);
        if (count == null) {
            count = exchange.getMessage().getHeader(HubHeaders.DELIVERY_COUNT, Integer.class);
        }
        return count == null ? 1 : count;
    }
}
