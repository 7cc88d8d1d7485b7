package dev.tributary.adapter.distributorfiles;

import dev.tributary.web.Answers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/files/{id}}: one file's status, counts and every rejected row;
 * {@code GET /api/files?region=…&limit=…&before=…}: files newest first, a page at a time (a
 * {@code Link: <…>; rel="next"} header points to the next page). Operator role. A region reads its
 * own files' status at {@code GET /ingest/{region}/files/{id}} with its key.
 */
@RestController
class FileController {

    static final String PATH = "/api/files";
    /** A region's own files, read with the region's key. */
    static final String REGION_PATH = "/ingest/{region}/files";

    private final FileStore store;

    FileController(FileStore store) {
        this.store = store;
    }

    @GetMapping(PATH + "/{id}")
    ResponseEntity<?> one(@PathVariable long id, HttpServletRequest request) {
        return store.find(id).<ResponseEntity<?>>map(f -> ResponseEntity.ok(view(f, store.rejects(id))))
                .orElseGet(() -> Answers.problem(HttpStatus.NOT_FOUND, "Unknown file", "no file with id " + id, request));
    }

    /**
     * The same answer for the region that sent the file, with its own key (a distributor that
     * uploaded a file learns what became of it without an operator login); another region's file
     * is unknown here.
     */
    @GetMapping(REGION_PATH + "/{id}")
    ResponseEntity<?> ownRegion(@PathVariable String region, @PathVariable long id, HttpServletRequest request) {
        return store.find(id).filter(f -> f.region().equals(region))
                .<ResponseEntity<?>>map(f -> ResponseEntity.ok(view(f, store.rejects(id))))
                .orElseGet(() -> Answers.problem(HttpStatus.NOT_FOUND, "Unknown file",
                        "region " + region + " has no file with id " + id, request));
    }

    @GetMapping(PATH)
    ResponseEntity<?> list(@RequestParam(required = false) String region,
            @RequestParam(defaultValue = "" + Answers.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) Long before, HttpServletRequest request) {
        ResponseEntity<?> bad = Answers.badPage(limit, before, "a file", request);
        if (bad != null) {
            return bad;
        }
        String regionOrAll = region == null || region.isBlank() ? null : region;
        return Answers.page(PATH, regionOrAll, limit, store.page(regionOrAll, before, limit + 1), SourceFile::id,
                f -> view(f, null));
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    ResponseEntity<?> badParameter(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e,
            HttpServletRequest request) {
        return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter", e.getName() + " must be a whole number", request);
    }

    /** The answer for one file; {@code rejected} (every rejected row) only when one file is asked for. */
    static Map<String, Object> view(SourceFile f, List<RejectedRow> rejected) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", f.id());
        view.put("status", f.status());
        view.put("region", f.region());
        view.put("source", f.source());
        view.put("name", f.name());
        view.put("size", f.size());
        view.put("sha256", f.sha256());
        view.put("rowsRead", f.rowsRead());
        view.put("ordersAccepted", f.ordersAccepted());
        view.put("ordersRejected", f.ordersRejected());
        view.put("rowsRejected", f.rowsRejected());
        view.put("ignoredColumns", f.ignoredColumns());
        if (rejected != null) {
            view.put("rejectedRows", rejected);
        }
        view.put("receivedAt", f.receivedAt());
        view.put("finishedAt", f.finishedAt());
        view.put("error", f.error());
        view.put("duplicateOf", f.duplicateOf());
        return view;
    }
}
