package dev.tributary.adapter.distributorfiles;

/** Where a file is in its life: stored, being read, read to the end, unreadable, or a repeat of a file read before. */
enum FileStatus {
    RECEIVED, PROCESSING, DONE, FAILED, DUPLICATE
}
