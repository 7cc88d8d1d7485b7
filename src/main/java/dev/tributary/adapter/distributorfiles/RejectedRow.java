package dev.tributary.adapter.distributorfiles;

/** A data row of a file (1-based, header excluded) that was rejected, with the reason a distributor reads. */
record RejectedRow(int row, String orderNumber, String reason) {
}
