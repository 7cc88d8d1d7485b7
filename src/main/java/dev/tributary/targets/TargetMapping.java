package dev.tributary.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a target adapter turns canonical events into its vendor's requests, without calling it: one
 * per target adapter, with a no-argument constructor using default settings. The golden-case test
 * runs every {@code mappings/<adapter>/<case>.input.json} (one event as published, or an array
 * of them) through it and compares with {@code <case>.expected.json}.
 */
public interface TargetMapping {

    /** The adapter's name, as in {@code tributary.targets.<target>.adapter} and {@code mappings/<name>/}. */
    String adapter();

    /**
     * The requests a first delivery of {@code events} sends when the target knows none of them
     * yet, in order, each as {@code {"method", "path", "body"}} ({@code body} a JSON value, absent
     * for none); lookups the adapter makes before writing (to stay idempotent) are included.
     */
    List<JsonNode> requests(List<TargetEvent> events);
}
