package dev.tributary.canonical;

import java.time.Instant;

/** Where a record came from: the region, its SFA system and the record's id there. */
public record SourceRef(String region, String system, String sourceId, Instant lastSeenAt) {

    /** The same reference with the region filled in when the source left it out. */
    public SourceRef withRegion(String value) {
        return new SourceRef(value, system, sourceId, lastSeenAt);
    }

    /** A stable, readable key such as {@code cn-east/hubspot/1001}. */
    public String key() {
        return region + "/" + system + "/" + sourceId;
    }
}
