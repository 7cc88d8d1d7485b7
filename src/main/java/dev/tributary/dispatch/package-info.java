/**
 * Delivery to the HQ targets, the same for every target adapter: one transacted route per target
 * ({@code crm-dispatch}, {@code erp-dispatch}) consumes its queue on {@code hub.customer.events};
 * its {@code TargetDispatcher} delivers each broker transaction's events through the adapter in
 * batches before the commit. A transient failure parks the customer's events for that target in
 * the database and a retry worker tries again with backoff (no consumer waits); a permanent
 * failure, or the last allowed attempt, is written to the target's dead-letter queue with the
 * reason. Dispatch names no vendor.
 */
package dev.tributary.dispatch;
