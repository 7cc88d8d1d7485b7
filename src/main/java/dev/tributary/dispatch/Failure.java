package dev.tributary.dispatch;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * A delivery failure, classified: a target's 4xx answer other than 408 (timeout) and 429 (too many
 * requests) is permanent, as is an event that cannot be read; everything else is transient.
 */
record Failure(boolean permanent, Integer httpStatus, Duration retryAfter, String reason) {

    private static final int MAX_BODY_IN_REASON = 500;

    static Failure of(Throwable error, Instant now) {
        if (error instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            String body = http.getResponseBody() == null ? "" : http.getResponseBody().strip();
            if (body.length() > MAX_BODY_IN_REASON) {
                body = body.substring(0, MAX_BODY_IN_REASON) + "…";
            }
            String reason = "target answered HTTP " + status
                    + (http.getStatusText() == null || http.getStatusText().isEmpty() ? "" : " " + http.getStatusText())
                    + (body.isEmpty() ? "" : ": " + body);
            return new Failure(permanent, status, retryAfter(http.getResponseHeaders(), now), reason);
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException || error instanceof ConnectException) {
            return new Failure(false, null, null, "target unreachable: " + message(error));
        }
        if (root instanceof SocketTimeoutException) {
            return new Failure(false, null, null, "target did not answer in time: " + message(root));
        }
        if (error instanceof com.fasterxml.jackson.core.JsonProcessingException
                || error instanceof IllegalArgumentException) {
            return new Failure(true, null, null, "event cannot be delivered: " + message(error));
        }
        String text = message(error);
        return new Failure(false, null, null, text.equals(error.getClass().getSimpleName()) ? text
                : error.getClass().getSimpleName() + ": " + text);
    }

    /** Retry-After as seconds or an HTTP date, if the target sent one. */
    static Duration retryAfter(Map<String, String> headers, Instant now) {
        if (headers == null) {
            return null;
        }
        String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String message(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
