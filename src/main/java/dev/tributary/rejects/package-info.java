/**
 * Rejected records: every input the hub could not accept, kept with its reasons so that a
 * regional office can read why and fix it ({@code GET /api/rejected?region=…}).
 */
package dev.tributary.rejects;
