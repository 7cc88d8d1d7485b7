/**
 * Delivery to the HQ targets: one transacted route per target ({@code crm-dispatch},
 * {@code erp-dispatch}) consumes its queue on {@code hub.customer.events} and upserts the event by
 * external id over HTTP. Transient failures are retried briefly in the route, then rolled back to
 * the broker's redelivery with backoff; a permanent failure, or the last allowed delivery, is
 * written to the target's dead-letter queue with the reason.
 */
package dev.tributary.dispatch;
