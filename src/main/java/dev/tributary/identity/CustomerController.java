package dev.tributary.identity;

import dev.tributary.web.Answers;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * HQ's view of customers and the steward's work on them:
 * {@code GET /api/customers/{id}} (customer 360), {@code GET /api/customers?q=&uscc=&region=&tier=},
 * {@code GET /api/customers/by-source/{region}/{system}/{sourceId}},
 * {@code POST /api/customers/{id}/merge} and {@code /unmerge} with {@code {"globalCustomerId": …}},
 * {@code GET /api/steward/pairs?status=}, {@code POST /api/steward/pairs/{id}/approve} and {@code /reject}.
 * A change is answered 202 once it is queued durably; the customer shows it once it is carried out.
 */
@RestController
class CustomerController {

    private final CustomerViews views;
    private final IdentityCommands commands;

    CustomerController(CustomerViews views, IdentityCommands commands) {
        this.views = views;
        this.commands = commands;
    }

    /** The body of a merge or unmerge: the other customer. */
    record Other(String globalCustomerId) {
    }

    @GetMapping("/api/customers/{id}")
    ResponseEntity<?> one(@PathVariable String id, HttpServletRequest request) {
        return views.customer360(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> unknown(id, request));
    }

    @GetMapping("/api/customers")
    ResponseEntity<?> search(@RequestParam(required = false) String q, @RequestParam(required = false) String uscc,
            @RequestParam(required = false) String region, @RequestParam(required = false) String tier,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "" + Answers.DEFAULT_LIMIT) int limit, HttpServletRequest request) {
        ResponseEntity<?> bad = Answers.badPage(limit, null, "a customer", request);
        if (bad != null) {
            return bad;
        }
        if (offset < 0 || offset > 100_000) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                    "offset must be between 0 and 100000, not " + offset + "; narrow the search instead", request);
        }
        if (q != null && q.length() > 200) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter", "q must be at most 200 characters", request);
        }
        if (tier != null && !tier.matches("STRATEGIC|KEY|STANDARD")) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                    "tier must be STRATEGIC, KEY or STANDARD", request);
        }
        return ResponseEntity.ok(views.search(q, blankToNull(uscc), blankToNull(region), tier, offset, limit));
    }

    @GetMapping("/api/customers/by-source/{region}/{system}/{sourceId}")
    ResponseEntity<?> bySource(@PathVariable String region, @PathVariable String system, @PathVariable String sourceId,
            HttpServletRequest request) {
        return views.bySource(region, system, sourceId).<ResponseEntity<?>>map(json -> ResponseEntity.ok()
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(json))
                .orElseGet(() -> Answers.problem(HttpStatus.NOT_FOUND, "Unknown source record",
                        "no customer has come from " + region + "/" + system + "/" + sourceId + " yet", request));
    }

    /** For a source id a path cannot hold (one with '/'): {@code ?sourceId=}. */
    @GetMapping("/api/customers/by-source/{region}/{system}")
    ResponseEntity<?> bySourceParameter(@PathVariable String region, @PathVariable String system,
            @RequestParam String sourceId, HttpServletRequest request) {
        return bySource(region, system, sourceId, request);
    }

    @GetMapping("/api/customers/changes/{changeId}")
    ResponseEntity<?> change(@PathVariable String changeId, HttpServletRequest request) {
        if (!changeId.startsWith("identity-") || changeId.length() > 64) {
            return Answers.problem(HttpStatus.NOT_FOUND, "Unknown change", "there is no change " + changeId
                    + "; a change id is what a merge, unmerge or steward decision answered", request);
        }
        return ResponseEntity.ok(views.change(changeId));
    }

    @PostMapping("/api/customers/{id}/merge")
    ResponseEntity<?> merge(@PathVariable String id, @RequestBody(required = false) Other other, Principal user,
            HttpServletRequest request) {
        return change("merge", id, other, user, request);
    }

    @PostMapping("/api/customers/{id}/unmerge")
    ResponseEntity<?> unmerge(@PathVariable String id, @RequestBody(required = false) Other other, Principal user,
            HttpServletRequest request) {
        return change("unmerge", id, other, user, request);
    }

    @GetMapping("/api/steward/pairs")
    ResponseEntity<?> pairs(@RequestParam(defaultValue = "PENDING") String status,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "" + Answers.DEFAULT_LIMIT) int limit, HttpServletRequest request) {
        ResponseEntity<?> bad = Answers.badPage(limit, null, "a pair", request);
        if (bad != null) {
            return bad;
        }
        if (!status.matches("PENDING|APPROVED|REJECTED") || offset < 0) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                    "status must be PENDING, APPROVED or REJECTED and offset 0 or more", request);
        }
        return ResponseEntity.ok(views.pairs(status, offset, limit));
    }

    @PostMapping("/api/steward/pairs/{id}/approve")
    ResponseEntity<?> approve(@PathVariable long id, Principal user, HttpServletRequest request) {
        return queue(new IdentityResolver.Command("approve", null, null, id, user.getName()), request);
    }

    @PostMapping("/api/steward/pairs/{id}/reject")
    ResponseEntity<?> reject(@PathVariable long id, Principal user, HttpServletRequest request) {
        return queue(new IdentityResolver.Command("reject", null, null, id, user.getName()), request);
    }

    private ResponseEntity<?> change(String action, String id, Other other, Principal user, HttpServletRequest request) {
        if (other == null || other.globalCustomerId() == null || other.globalCustomerId().isBlank()
                || other.globalCustomerId().length() > 32) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Bad request",
                    "send {\"globalCustomerId\": \"GC-…\"}: the customer to " + action
                            + (action.equals("merge") ? " into " : " out of ") + id, request);
        }
        return queue(new IdentityResolver.Command(action, id, other.globalCustomerId(), null, user.getName()), request);
    }

    private ResponseEntity<?> queue(IdentityResolver.Command command, HttpServletRequest request) {
        try {
            String changeId = commands.submit(command);
            return ResponseEntity.accepted().location(java.net.URI.create("/api/customers/changes/" + changeId))
                    .body(Map.of("changeId", changeId, "status", "queued", "action", command.action()));
        } catch (IdentityCommands.Refused e) {
            HttpStatus status = e.getMessage().startsWith("there is no") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return Answers.problem(status, status == HttpStatus.NOT_FOUND ? "Unknown customer or pair"
                    : "Change refused", e.getMessage(), request);
        } catch (IdentityCommands.Unavailable e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(Answers.problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again", e.getMessage(), request).getBody());
        }
    }

    private ResponseEntity<?> unknown(String id, HttpServletRequest request) {
        return Answers.problem(HttpStatus.NOT_FOUND, "Unknown customer", "there is no customer " + id, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<?> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter", e.getName() + " must be a whole number",
                request);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
