package dev.tributary.adapter.fxiaoke;

/**
 * Fxiaoke answered a call with an error: {@code errorCode} ≠ 0 (never read as an empty result), or
 * an HTTP status that is not 2xx. {@code transientFailure} says whether waiting and asking again can help.
 */
class FxiaokeException extends RuntimeException {

    private final Integer errorCode;
    private final boolean transientFailure;

    FxiaokeException(String message, Integer errorCode, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.transientFailure = transientFailure;
    }

    Integer errorCode() {
        return errorCode;
    }

    boolean transientFailure() {
        return transientFailure;
    }

    static String describe(String call, Integer errorCode, String errorMessage) {
        return "Fxiaoke answered the " + call + " with errorCode " + errorCode
                + (errorMessage == null || errorMessage.isBlank() ? "" : ": " + errorMessage);
    }
}
