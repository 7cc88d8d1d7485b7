package dev.tributary.rejects;

import dev.tributary.web.Answers;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * {@code GET /api/rejected?region=…&limit=…&before=…}: rejected records newest first, without
 * their payloads, a page at a time (a {@code Link: <…>; rel="next"} header points to the next
 * page); {@code GET /api/rejected/{id}}: one record with its payload excerpt.
 */
@RestController
class RejectionController {

    static final String PATH = "/api/rejected";

    private final RejectionStore store;

    RejectionController(RejectionStore store) {
        this.store = store;
    }

    @GetMapping(PATH)
    ResponseEntity<?> list(@RequestParam(required = false) String region,
            @RequestParam(defaultValue = "" + Answers.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) Long before, HttpServletRequest request) {
        ResponseEntity<?> bad = Answers.badPage(limit, before, "a rejected record", request);
        if (bad != null) {
            return bad;
        }
        String regionOrAll = region == null || region.isBlank() ? null : region;
        return Answers.page(PATH, regionOrAll, limit, store.page(regionOrAll, before, limit + 1), Rejection::id,
                r -> r);
    }

    @GetMapping(PATH + "/{id}")
    ResponseEntity<?> one(@PathVariable long id, HttpServletRequest request) {
        return store.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> Answers.problem(HttpStatus.NOT_FOUND, "Unknown rejected record",
                        "no rejected record with id " + id + " (it may have been purged)", request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                e.getName() + " must be a whole number, not '" + Text.cutToChars(String.valueOf(e.getValue()), 40)
                        + "'", request);
    }
}
