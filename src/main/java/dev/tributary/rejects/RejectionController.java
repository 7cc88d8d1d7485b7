package dev.tributary.rejects;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/rejected?region=…&limit=…}: the newest rejected records with their reasons. */
@RestController
class RejectionController {

    private final RejectionStore store;

    RejectionController(RejectionStore store) {
        this.store = store;
    }

    @GetMapping("/api/rejected")
    List<Rejection> rejected(@RequestParam(required = false) String region,
            @RequestParam(defaultValue = "100") int limit) {
        return store.find(region, Math.max(1, Math.min(limit, 1000)));
    }
}
