package dev.tributary.canonical;

/** Whether an order was sold directly or through a distributor. */
public enum SalesChannel {
    DIRECT, DISTRIBUTOR
}
