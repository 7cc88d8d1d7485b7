package dev.tributary.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Proves that the column sizes the store cuts to are the sizes the migrations create, and that values are cut to them. */
class ColumnTest {

    private static final Pattern VARCHAR = Pattern.compile("(?i)(\\w+)\\s+VARCHAR\\((\\d+)\\)");

    @Test
    void should_match_the_sizes_in_the_migrations() throws IOException {
        Map<String, Integer> created = new HashMap<>();
        for (String migration : new String[] {"V1__rejected_records.sql", "V2__rejected_record_excerpt.sql"}) {
            try (InputStream in = getClass().getResourceAsStream("/db/migration/" + migration)) {
                assertThat(in).as(migration).isNotNull();
                Matcher m = VARCHAR.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    created.put(m.group(1).toLowerCase(), Integer.parseInt(m.group(2)));
                }
            }
        }
        Map<String, Integer> known = new HashMap<>();
        for (Column column : Column.values()) {
            known.put(column.name, column.size);
        }
        assertThat(known).isEqualTo(created);
    }

    @Test
    void should_cut_a_long_source_id_to_its_column() {
        assertThat(Column.SOURCE_ID.fit("S".repeat(1000))).hasSize(256);
        assertThat(Column.SOURCE_ID.fit("S-1")).isEqualTo("S-1");
        assertThat(Column.SOURCE_ID.fit(null)).isNull();
    }
}
