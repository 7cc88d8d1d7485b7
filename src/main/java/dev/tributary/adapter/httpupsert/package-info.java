/**
 * The generic HQ target: {@code PUT {baseUrl}/{collection}/{externalId}} with the canonical event
 * as JSON, {@code Idempotency-Key} and {@code ce-id} the event id; classified by HTTP status
 * (408, 425, 429 and 5xx transient with Retry-After, other 4xx permanent). Parameters:
 * {@code adapters/http-upsert/README.md}.
 */
package dev.tributary.adapter.httpupsert;
