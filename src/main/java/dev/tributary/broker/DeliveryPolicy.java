package dev.tributary.broker;

/**
 * How many times an event is delivered to a target ({@code tributary.delivery.max-attempts}): on
 * the last allowed delivery the hub writes the dead letter itself, with the reason. The broker
 * does not count these deliveries against a limit of its own (see {@code broker.xml}).
 */
public record DeliveryPolicy(int maxDeliveryAttempts) {
}
