/**
 * Rejected records: every input the hub could not accept, kept with its reasons so that a
 * regional office can read why and fix it ({@code GET /api/rejected?region=…}, one record at
 * {@code GET /api/rejected/{id}}). Bounded so that bad input cannot fill the database: an excerpt
 * of each payload with its size and digest, bounded reasons, a retention and a cap.
 */
package dev.tributary.rejects;
