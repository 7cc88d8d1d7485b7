/**
 * The target-adapter seam: what an HQ system's adapter ({@code dev.tributary.adapter.<name>})
 * implements and what dispatch calls. An adapter maps canonical events to its vendor's requests,
 * authenticates, makes the (batched) call and classifies each event's outcome; dispatch owns the
 * broker transaction, per-customer order, retries, parking, dead letters, rate limits, breakers and
 * metrics, and names no vendor. {@link TargetHttp} is the HTTP client every adapter shares.
 */
package dev.tributary.targets;
