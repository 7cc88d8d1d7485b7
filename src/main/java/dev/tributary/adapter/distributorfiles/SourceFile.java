package dev.tributary.adapter.distributorfiles;

import java.time.Instant;
import java.util.List;

/** One file a region's source handed in, as {@link FileStore} keeps it; {@code ignoredColumns}: header cells naming no field the hub reads. */
record SourceFile(long id, String region, String source, String name, String storedName, Long size,
        String sha256, FileStatus status, int rowsRead, int ordersAccepted, int ordersRejected, int rowsRejected,
        int ordersDone, int nextRow, String error, Long duplicateOf, Instant receivedAt, Instant finishedAt,
        List<String> ignoredColumns) {
}
