/**
 * The hub's HTTP trust boundary: who may call what. Regional clients authenticate on
 * {@code /ingest/{region}/**} with their region's bearer key or an HMAC-signed request and are rate
 * limited per region; people use HTTP Basic with nested roles (viewer, operator, admin) on
 * {@code /api/**} and the actuator. Every refusal is a problem+json answer, counted and logged
 * without the credential.
 */
package dev.tributary.security;
