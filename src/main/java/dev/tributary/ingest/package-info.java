/**
 * Inbound: {@code POST /ingest/{region}/canonical}. Reads and checks the body, stores rejects with
 * their reasons, and answers 202 only after the accepted events are durable on {@code hub.inbound}.
 */
package dev.tributary.ingest;
