package dev.tributary.adapter.distributorfiles;

import java.time.Instant;

/** One file a region's source handed in, as {@link FileStore} keeps it. */
record SourceFile(long id, String region, String source, String name, String storedName, Long size,
        String sha256, FileStatus status, int rowsRead, int ordersAccepted, int ordersRejected, int rowsRejected,
        int ordersDone, int nextRow, String error, Long duplicateOf, Instant receivedAt, Instant finishedAt) {
}
