package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How far one object of one source has been handed to intake: every change before {@code time}
 * (epoch milliseconds), and at exactly {@code time} the changes of {@code idsAtTime}.
 */
record Watermark(long time, Set<String> idsAtTime) {

    Watermark {
        idsAtTime = Set.copyOf(idsAtTime);
    }

    static long time(JsonNode row, long fallback) {
        JsonNode t = row.path("last_modified_time");
        return t.canConvertToLong() ? t.asLong() : t.isTextual() && t.asText().matches("\\d{1,19}")
                ? Long.parseLong(t.asText()) : fallback;
    }

    /** Whether this change of {@code row} was handed over already. */
    boolean handled(JsonNode row) {
        long t = time(row, time);
        return t < time || (t == time && idsAtTime.contains(row.path("_id").asText()));
    }

    /** The watermark once {@code rows} (sorted by time, none handled before) have been handed over. */
    Watermark after(List<? extends JsonNode> rows) {
        long latest = time;
        for (JsonNode row : rows) {
            latest = Math.max(latest, time(row, time));
        }
        Set<String> ids = new LinkedHashSet<>();
        if (latest == time) {
            ids.addAll(idsAtTime);
        }
        for (JsonNode row : rows) {
            if (time(row, time) == latest) {
                ids.add(row.path("_id").asText());
            }
        }
        return new Watermark(latest, ids);
    }
}
