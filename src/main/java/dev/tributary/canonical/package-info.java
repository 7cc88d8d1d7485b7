/**
 * Canonical model v1: the contract between the regions and HQ. Plain immutable records with no
 * framework imports; money is {@link java.math.BigDecimal} with an ISO 4217 currency, times are
 * UTC instants, countries ISO 3166-1 alpha-2, phones E.164. Each record has a published JSON
 * Schema under {@code /schema} that a test keeps in sync with the record components.
 */
package dev.tributary.canonical;
