package dev.tributary.ops;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats}: per-region received / rejected / delivered / dead-lettered counts. */
@RestController
class StatsController {

    private final HubStats stats;

    StatsController(HubStats stats) {
        this.stats = stats;
    }

    @GetMapping("/api/stats")
    Map<String, Object> stats() {
        return Map.of("regions", stats.byRegion());
    }
}
