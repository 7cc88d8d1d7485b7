/** The published JSON Schemas of canonical model v1: served over HTTP and enforced at ingest. */
package dev.tributary.schema;
