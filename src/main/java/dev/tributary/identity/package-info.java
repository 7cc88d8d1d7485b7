/**
 * Identity resolution: the stage after the inbound queue that gives every record the global
 * customer it belongs to. Source customers are matched (a valid USCC or tax id decides, else
 * scored evidence within blocking keys, two thresholds and a steward's queue), kept in a
 * cross-reference with field-level golden records and lineage, merged and unmerged by events.
 */
package dev.tributary.identity;
