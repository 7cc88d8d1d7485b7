package dev.tributary.rejects;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /api/rejected?region=…&limit=…&before=…}: rejected records newest first, without
 * their payloads, a page at a time (a {@code Link: <…>; rel="next"} header points to the next
 * page); {@code GET /api/rejected/{id}}: one record with its payload excerpt.
 */
@RestController
class RejectionController {

    static final String PATH = "/api/rejected";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final RejectionStore store;

    RejectionController(RejectionStore store) {
        this.store = store;
    }

    @GetMapping(PATH)
    ResponseEntity<?> list(@RequestParam(required = false) String region,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) Long before, HttpServletRequest request) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit, request);
        }
        if (before != null && before < 1) {
            return problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                    "before must be the id of a rejected record (1 or more), not " + before, request);
        }
        String regionOrAll = region == null || region.isBlank() ? null : region;
        // one row more than asked tells whether a next page exists
        List<Rejection> rows = store.page(regionOrAll, before, limit + 1);
        if (rows.size() <= limit) {
            return ResponseEntity.ok(rows);
        }
        List<Rejection> page = rows.subList(0, limit);
        return ResponseEntity.ok().header(HttpHeaders.LINK, next(regionOrAll, limit, page.get(limit - 1).id()))
                .body(page);
    }

    @GetMapping(PATH + "/{id}")
    ResponseEntity<?> one(@PathVariable long id, HttpServletRequest request) {
        return store.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "Unknown rejected record",
                        "no rejected record with id " + id + " (it may have been purged)", request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                e.getName() + " must be a whole number, not '" + Text.cutToChars(String.valueOf(e.getValue()), 40)
                        + "'", request);
    }

    /** An RFC 8288 link to the page after the one ending at {@code lastId}. */
    static String next(String region, int limit, long lastId) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(PATH);
        if (region != null) {
            uri.queryParam("region", "{region}");
        }
        uri.queryParam("limit", limit).queryParam("before", lastId);
        String target = uri.encode().buildAndExpand(region == null ? Map.of() : Map.of("region", region)).toUriString();
        return "<" + target + ">; rel=\"next\"";
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
