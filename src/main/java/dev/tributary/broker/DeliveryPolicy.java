package dev.tributary.broker;

/**
 * The broker's delivery limit for the events address, read from {@code broker.xml}: on the last
 * allowed delivery the hub writes the dead letter itself, with the reason, instead of letting the
 * broker move the bare message.
 */
public record DeliveryPolicy(int maxDeliveryAttempts) {
}
