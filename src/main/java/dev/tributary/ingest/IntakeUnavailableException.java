package dev.tributary.ingest;

/**
 * Nothing of the input was accepted, for a reason that passes (the broker or the database could
 * not take it, or another input is accepting the same events right now): the source keeps its
 * input unacknowledged and hands it to intake again later.
 */
public class IntakeUnavailableException extends RuntimeException {

    public IntakeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    IntakeUnavailableException(String message) {
        super(message, null, false, false);
    }
}
