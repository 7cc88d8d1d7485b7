/**
 * 纷享销客 (Fxiaoke) CRM as a regional source: a corp access token client, a poller per declared
 * source that queries {@code /cgi/crm/v2/data/query} by {@code last_modified_time} from a watermark
 * kept in the database, vendor DTOs and one MapStruct mapper per vendor object, the
 * {@link dev.tributary.ingest.SourceMapping} the golden cases run, and a simulated Fxiaoke for demo
 * mode. Field names and their provenance: {@code adapters/fxiaoke/README.md}.
 */
package dev.tributary.adapter.fxiaoke;
