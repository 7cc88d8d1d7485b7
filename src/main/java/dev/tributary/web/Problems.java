package dev.tributary.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problem answer for a status that nothing more specific was said about. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(status.getReasonPhrase());
        problem.setDetail(switch (status) {
            case NOT_FOUND -> "there is nothing at this path";
            case METHOD_NOT_ALLOWED -> "this path does not take this method";
            case BAD_REQUEST -> "the request cannot be read as sent (its path, headers or body)";
            default -> status.is5xxServerError() ? "the hub could not handle the request"
                    : "the request cannot be handled as sent";
        });
        return problem;
    }
}
