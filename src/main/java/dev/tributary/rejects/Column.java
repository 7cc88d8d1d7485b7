package dev.tributary.rejects;

/**
 * The sized text columns of {@code rejected_record} (see the Flyway migrations), the one place
 * their sizes are known to the code: every value is cut to its column before an insert.
 */
enum Column {
    REGION("region", 64),
    STAGE("stage", 16),
    RECORD_TYPE("record_type", 32),
    SOURCE_SYSTEM("source_system", 128),
    SOURCE_ID("source_id", 256),
    SOURCE_EVENT_ID("source_event_id", 256),
    PAYLOAD_SHA256("payload_sha256", 64);

    final String name;
    final int size;

    Column(String name, int size) {
        this.name = name;
        this.size = size;
    }

    /** {@code value} cut to this column's size (null stays null). */
    String fit(String value) {
        return Text.cutToChars(value, size);
    }
}
