package dev.tributary.adapter.fxiaoke;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The watermarks of the Fxiaoke sources, in table {@code source_watermark} (migration V5). */
@Component
class Watermarks {

    private final JdbcTemplate jdbc;

    Watermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Watermark> read(String region, String source, String object) {
        List<Watermark> rows = jdbc.query(
                "SELECT modified_at, ids_at_mark FROM source_watermark WHERE region = ? AND source = ? AND object_name = ?",
                (rs, n) -> new Watermark(rs.getLong(1), ids(rs.getString(2))), region, source, object);
        return rows.stream().findFirst();
    }

    void save(String region, String source, String object, Watermark mark) {
        String ids = String.join("\n", mark.idsAtTime());
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE source_watermark SET modified_at = ?, ids_at_mark = ?, updated_at = ?"
                + " WHERE region = ? AND source = ? AND object_name = ?", mark.time(), ids, now, region, source, object);
        if (updated == 0) {
            jdbc.update("INSERT INTO source_watermark (region, source, object_name, modified_at, ids_at_mark, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", region, source, object, mark.time(), ids, now);
        }
    }

    private static LinkedHashSet<String> ids(String text) {
        return text == null || text.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(text.split("\n")));
    }
}
