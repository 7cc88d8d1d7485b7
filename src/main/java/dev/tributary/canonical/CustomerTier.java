package dev.tributary.canonical;

/** How HQ treats an account. */
public enum CustomerTier {
    STRATEGIC, KEY, STANDARD
}
