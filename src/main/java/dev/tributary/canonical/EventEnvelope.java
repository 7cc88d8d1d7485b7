package dev.tributary.canonical;

import java.time.Instant;

/**
 * A CloudEvents 1.0 event carrying one canonical record, with the hub's extension attributes
 * (lower-case alphanumeric names, as CloudEvents requires); {@code dataquality}, when present, is
 * a JSON array of the record's data-quality warnings ({@code [{"field", "message"}]}), such as a
 * phone kept as written.
 */
public record EventEnvelope(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String specversion,
        String datacontenttype,
        String region,
        String sourcesystem,
        String globalcustomerid,
        String traceid,
        String schemaversion,
        String dataquality,
        CanonicalRecord data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String SCHEMA_VERSION = "1";
    public static final String CONTENT_TYPE = "application/json";

    /** The record type named by {@code type}. */
    public RecordType recordType() {
        return RecordType.fromEventType(type);
    }
}
