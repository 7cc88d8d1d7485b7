package dev.tributary.canonical;

/** Life cycle of an order as HQ sees it. */
public enum OrderStatus {
    DRAFT, SUBMITTED, CONFIRMED, SHIPPED, INVOICED, CANCELLED
}
