package dev.tributary.canonical;

import java.util.Locale;

/** The record kinds, with their wire names, CloudEvents types and target collections. */
public enum RecordType {
    CUSTOMER(Customer.class, "customers"),
    ORDER(Order.class, "orders"),
    OPPORTUNITY(Opportunity.class, "opportunities");

    private final Class<? extends CanonicalRecord> recordClass;
    private final String collection;

    RecordType(Class<? extends CanonicalRecord> recordClass, String collection) {
        this.recordClass = recordClass;
        this.collection = collection;
    }

    public Class<? extends CanonicalRecord> recordClass() {
        return recordClass;
    }

    /** Plural name used in target URLs, e.g. {@code orders}. */
    public String collection() {
        return collection;
    }

    /** Lower-case wire name, e.g. {@code order}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** CloudEvents {@code type} attribute, e.g. {@code dev.tributary.order.v1}. */
    public String eventType() {
        return "dev.tributary." + wireName() + ".v1";
    }

    /** The type for a wire name, or null when the name is unknown. */
    public static RecordType fromWireName(String value) {
        if (value == null) {
            return null;
        }
        for (RecordType t : values()) {
            if (t.wireName().equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        return null;
    }

    /** The type for a CloudEvents type attribute, or null when it is not one of ours. */
    public static RecordType fromEventType(String value) {
        for (RecordType t : values()) {
            if (t.eventType().equals(value)) {
                return t;
            }
        }
        return null;
    }
}
