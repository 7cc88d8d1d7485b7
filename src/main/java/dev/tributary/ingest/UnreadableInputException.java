package dev.tributary.ingest;

/**
 * A source's input that cannot be read at all (not a CSV or Excel file, no header, a vendor answer
 * that is not JSON); the message says why in words a regional user can act on.
 */
public class UnreadableInputException extends RuntimeException {

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
