/**
 * The inbound flow: a transacted consumer of {@code hub.inbound} checks each event again, stamps
 * the global customer id and publishes a CloudEvents envelope to the multicast address
 * {@code hub.customer.events}, grouped by customer, in the same broker transaction. The route is
 * wired in {@code routes/inbound-process.yaml}.
 */
package dev.tributary.flow;
