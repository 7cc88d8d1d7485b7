/** Operating the hub: Micrometer counters, per-region stats ({@code GET /api/stats}) and the stats log. */
package dev.tributary.ops;
