package dev.tributary.security;

import org.springframework.http.HttpStatus;

/** Why the hub refused a request: the {@code reason} tag of the refusal counters, with its answer. */
enum Refusal {
    NO_CREDENTIAL(HttpStatus.UNAUTHORIZED, "Authentication required"),
    BAD_CREDENTIAL(HttpStatus.UNAUTHORIZED, "Invalid credential"),
    WRONG_REGION(HttpStatus.FORBIDDEN, "Wrong region"),
    WRONG_ROLE(HttpStatus.FORBIDDEN, "Not allowed"),
    BAD_SIGNATURE(HttpStatus.UNAUTHORIZED, "Invalid signature"),
    STALE_TIMESTAMP(HttpStatus.UNAUTHORIZED, "Stale timestamp"),
    REPLAY(HttpStatus.UNAUTHORIZED, "Replayed request"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests");

    final HttpStatus status;
    final String title;

    Refusal(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The tag value, e.g. {@code no_credential}. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
