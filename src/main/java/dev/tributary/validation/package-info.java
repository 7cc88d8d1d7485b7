/**
 * Validation of canonical records with field-level messages a regional user can read: the
 * 统一社会信用代码 check character (GB 32100-2015), ISO currency and country codes, non-negative
 * amounts and totals that add up. Plain classes, no framework.
 */
package dev.tributary.validation;
