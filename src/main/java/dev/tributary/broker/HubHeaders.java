package dev.tributary.broker;

/** Names of the message properties the hub sets; JMS property names must be Java identifiers. */
public final class HubHeaders {

    public static final String EVENT_ID = "tributaryEventId";
    public static final String RECORD_TYPE = "tributaryRecordType";
    public static final String REGION = "tributaryRegion";
    public static final String SOURCE_SYSTEM = "tributarySourceSystem";
    public static final String SOURCE_EVENT_ID = "tributarySourceEventId";
    public static final String GLOBAL_CUSTOMER_ID = "tributaryGlobalCustomerId";
    public static final String EXTERNAL_ID = "tributaryExternalId";
    /** The target collection an event goes to, e.g. {@code customers} or {@code customer-merges}. */
    public static final String COLLECTION = "tributaryCollection";
    public static final String TRACE_ID = "tributaryTraceId";
    /** Epoch milliseconds at which ingest made the event durable; used for end-to-end latency. */
    public static final String RECEIVED_AT = "tributaryReceivedAt";
    /** Data-quality warnings of the record, a JSON array of {field, message}; absent when none. */
    public static final String WARNINGS = "tributaryWarnings";

    public static final String FAILURE_REASON = "tributaryFailureReason";
    public static final String FAILURE_KIND = "tributaryFailureKind";
    public static final String FAILURE_STATUS = "tributaryFailureHttpStatus";
    public static final String FAILURE_TARGET = "tributaryFailureTarget";
    /** The target's own error code (a Salesforce statusCode, a Kingdee MsgCode, an OData error.code). */
    public static final String FAILURE_CODE = "tributaryFailureCode";
    public static final String FAILURE_ATTEMPTS = "tributaryFailureAttempts";
    public static final String FAILED_AT = "tributaryFailedAt";

    /** Artemis duplicate detection id (the broker drops a second message with the same value). */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** JMS message group: Artemis delivers one group's messages in order to one consumer at a time. */
    public static final String GROUP_ID = "JMSXGroupID";
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private HubHeaders() {
    }
}
