package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.RecordType;
import dev.tributary.schema.SchemaRegistry;
import dev.tributary.validation.CanonicalValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves that a generated file has exactly the bad rows asked for: those orders are unusable, every other row is a valid order line. */
class DistributorFileGeneratorTest {

    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final SchemaRegistry schemas = new SchemaRegistry(mapper);
    private final CanonicalValidator validator = new CanonicalValidator();

    @TempDir
    Path dir;

    @Test
    void should_write_ten_thousand_gbk_rows_of_which_exactly_the_37_asked_for_are_unusable() throws Exception {
        Path file = dir.resolve("orders.csv");
        SortedSet<Integer> bad = DistributorFileGenerator.spread(37, 10_000, 7);
        DistributorFileGenerator.Summary summary = new DistributorFileGenerator(7)
                .write(file, 10_000, DistributorFileGenerator.GBK, false, bad);

        SortedSet<Integer> unusable = new TreeSet<>();
        int rows = 0;
        try (OrderFileReader reader = OrderFileReader.open(file, null, null, "k")) {
            assertThat(reader.encoding().name()).isEqualTo("GB18030");
            for (FileOrder order = reader.next(); order != null; order = reader.next()) {
                rows += order.rows().size();
                if (!usable(order)) {
                    assertThat(order.rows()).as("a bad row is an order of its own").hasSize(1);
                    unusable.addAll(order.rows());
                }
            }
        }
        assertThat(rows).isEqualTo(10_000);
        assertThat(summary.badRows()).hasSize(37);
        assertThat(unusable).isEqualTo(summary.badRows()).isEqualTo(bad);
    }

    @Test
    void should_write_the_same_file_for_the_same_seed() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        new DistributorFileGenerator(3).write(a, 500, StandardCharsets.UTF_8, true, List.of(5));
        new DistributorFileGenerator(3).write(b, 500, StandardCharsets.UTF_8, true, List.of(5));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).startsWith(0xEF, 0xBB, 0xBF);
    }

    /** Whether intake's checks would accept the order: no adapter problem, a valid shape, no broken rule. */
    private boolean usable(FileOrder order) throws Exception {
        if (!order.record().problems().isEmpty()) {
            return false;
        }
        ObjectNode data = order.record().data().deepCopy();
        ((ObjectNode) data.get("sourceRef")).put("region", "cn-east");
        List<Object> errors = new ArrayList<>(schemas.check(RecordType.ORDER, data));
        if (errors.isEmpty()) {
            errors.addAll(validator.validate(mapper.treeToValue(data, Order.class)));
        }
        return errors.isEmpty();
    }
}
