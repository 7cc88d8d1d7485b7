package dev.tributary.targets;

import java.time.Duration;

/**
 * What became of one event at a target, as its adapter classified it from the vendor's answer
 * (status and body).
 *
 * @param code       the vendor's error code ({@code UNABLE_TO_LOCK_ROW}, a Kingdee MsgCode, an
 *                   OData {@code error.code}, or {@code HTTP 503}); null when delivered
 * @param reason     a sentence a regional user or an operator can read; null when delivered
 * @param retryAfter how long the vendor asked to wait (a transient failure), or null
 * @param httpStatus the HTTP status of the answer, or null (no answer)
 */
public record DeliveryOutcome(Status status, String code, String reason, Duration retryAfter, Integer httpStatus) {

    public enum Status { DELIVERED, TRANSIENT, PERMANENT }

    private static final DeliveryOutcome DELIVERED = new DeliveryOutcome(Status.DELIVERED, null, null, null, null);

    public static DeliveryOutcome delivered() {
        return DELIVERED;
    }

    /** A failure that may pass: retried later, the customer's later events waiting behind it. */
    public static DeliveryOutcome retryLater(Integer httpStatus, String code, String reason, Duration retryAfter) {
        return new DeliveryOutcome(Status.TRANSIENT, code, reason, retryAfter, httpStatus);
    }

    /** A failure that will not pass by retrying: the event goes to the target's dead-letter queue. */
    public static DeliveryOutcome permanent(Integer httpStatus, String code, String reason) {
        return new DeliveryOutcome(Status.PERMANENT, code, reason, null, httpStatus);
    }

    public boolean isDelivered() {
        return status == Status.DELIVERED;
    }

    public boolean isTransient() {
        return status == Status.TRANSIENT;
    }

    public boolean isPermanent() {
        return status == Status.PERMANENT;
    }

    /** {@code code: reason} (the reason alone when it names the code), for a dead letter's reason header. */
    public String describe() {
        return code == null || code.isBlank() || reason != null && reason.contains(code) ? reason : code + ": " + reason;
    }
}
