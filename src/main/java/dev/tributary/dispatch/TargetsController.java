package dev.tributary.dispatch;

import dev.tributary.web.Answers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator on call asks of the targets (operator role): each target's adapter, breaker
 * state and parked backlog ({@code GET /api/targets}), and the customers waiting at one target with
 * their failed attempts, next retry and last reason ({@code GET /api/targets/{target}/parked}).
 */
@RestController
class TargetsController {

    private final DispatchRoutes routes;
    private final ParkedEvents parked;

    TargetsController(DispatchRoutes routes, ParkedEvents parked) {
        this.routes = routes;
        this.parked = parked;
    }

    @GetMapping("/api/targets")
    List<Map<String, Object>> targets() {
        return routes.dispatchers().stream().map(d -> {
            d.readBacklog();
            return d.view();
        }).toList();
    }

    @GetMapping("/api/targets/{target}/parked")
    ResponseEntity<?> parked(@PathVariable String target, @RequestParam(defaultValue = "50") int limit,
            HttpServletRequest request) {
        if (routes.dispatchers().stream().noneMatch(d -> d.target().equals(target))) {
            return Answers.problem(HttpStatus.NOT_FOUND, "Unknown target", "no enabled target is called '"
                    + (target.length() > 40 ? target.substring(0, 40) + "…" : target) + "'", request);
        }
        if (limit < 1 || limit > Answers.MAX_LIMIT) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Bad parameter", "limit must be 1 to " + Answers.MAX_LIMIT,
                    request);
        }
        return ResponseEntity.ok(parked.waiting(target, limit));
    }
}
