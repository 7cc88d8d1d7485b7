package dev.tributary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers the hub's endpoints share: a problem (RFC 9457) naming the request, and a page of a
 * newest-first list ({@code ?region=…&limit=…&before=<id>}) with an RFC 8288 {@code Link} to the next.
 */
public final class Answers {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private Answers() {
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            // a path the server took but java.net.URI does not: the problem goes without its instance
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A 400 problem when {@code limit} or {@code before} (the id of a listed {@code item}) is out of range, else null. */
    public static ResponseEntity<ProblemDetail> badPage(int limit, Long before, String item, HttpServletRequest request) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit, request);
        }
        if (before != null && before < 1) {
            return problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                    "before must be the id of " + item + " (1 or more), not " + before, request);
        }
        return null;
    }

    /**
     * The first {@code limit} of {@code rows} (fetched one more than {@code limit}, which tells
     * whether a next page exists) as {@code view}s, with a {@code Link} to the next page of {@code path}.
     */
    public static <T, R> ResponseEntity<List<R>> page(String path, String region, int limit, List<T> rows,
            ToLongFunction<T> id, Function<T, R> view) {
        List<R> page = rows.stream().limit(limit).map(view).toList();
        if (rows.size() <= limit) {
            return ResponseEntity.ok(page);
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (region != null) {
            uri.queryParam("region", "{region}");
        }
        uri.queryParam("limit", limit).queryParam("before", id.applyAsLong(rows.get(limit - 1)));
        String next = uri.encode().buildAndExpand(region == null ? Map.of() : Map.of("region", region)).toUriString();
        return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(page);
    }
}
