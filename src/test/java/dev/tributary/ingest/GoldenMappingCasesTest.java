package dev.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.json.HubObjectMapper;
import dev.tributary.schema.SchemaRegistry;
import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves the golden mapping cases in {@code mappings/canonical/}: each {@code <case>.input.json}
 * posted to {@code /ingest/cn-east/canonical} becomes exactly the record, or exactly the
 * rejections, in {@code <case>.expected.json}. Cases are discovered, so adding files adds tests.
 */
class GoldenMappingCasesTest {

    static final Path CASES = Path.of("mappings", "canonical");
    static final String REGION = "cn-east";
    private static final String INPUT = ".input.json";
    private static final String EXPECTED = ".expected.json";

    private final ObjectMapper mapper = HubObjectMapper.create();
    private final SubmissionReader reader = new SubmissionReader(mapper, new SchemaRegistry(mapper));
    private final IngestBody bodies = new IngestBody(mapper, 1_048_576, 500);

    @TestFactory
    Stream<DynamicTest> should_map_each_golden_input_to_its_expected_outcome() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(CASES)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(INPUT)).sorted().toList();
        }
        assertThat(inputs).as("golden cases in %s", CASES.toAbsolutePath()).isNotEmpty();
        return inputs.stream().map(input -> {
            String name = input.getFileName().toString();
            String caseName = name.substring(0, name.length() - INPUT.length());
            return DynamicTest.dynamicTest(caseName, input.toUri(),
                    () -> check(caseName, input, CASES.resolve(caseName + EXPECTED)));
        });
    }

    @TestFactory
    Stream<DynamicTest> should_have_an_input_for_each_expected_file() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(EXPECTED)).sorted().toList().stream()
                    .map(expected -> {
                        String name = expected.getFileName().toString();
                        Path input = CASES.resolve(name.substring(0, name.length() - EXPECTED.length()) + INPUT);
                        return DynamicTest.dynamicTest(name, () -> assertThat(input).exists());
                    });
        }
    }

    private void check(String caseName, Path inputFile, Path expectedFile) throws IOException {
        // read as the ingest controller reads a request body
        ItemResult result = null;
        JsonNode actual;
        try {
            List<IngestBody.Item> items = bodies.read(Files.readString(inputFile));
            assertThat(items).as("%s: a golden input is one item", caseName).hasSize(1);
            result = reader.read(REGION, 0, items.get(0), "trace-1");
            actual = outcome(result);
        } catch (IngestBody.Unreadable e) {
            actual = mapper.createObjectNode().set("unreadable",
                    mapper.createObjectNode().put("status", e.status.value()).put("detail", e.getMessage()));
        }
        if (!Files.exists(expectedFile)) {
            fail("%s has no %s; after checking it, the current outcome is:%n%s", caseName, expectedFile.getFileName(),
                    pretty(actual));
        }
        JsonNode expected = mapper.readTree(Files.readString(expectedFile));

        if (expected.has("unreadable")) {
            assertThat(pretty(actual)).as("%s: the body is refused whole", caseName).isEqualTo(pretty(expected));
        } else if (result == null) {
            fail("%s: the body was refused whole:%n%s", caseName, pretty(actual));
        } else if (expected.has("accepted")) {
            assertThat(result.errors()).as("%s: rejections of an input expected to be accepted", caseName).isEmpty();
            if (!sameJson(actual.get("accepted"), expected.get("accepted"))) {
                assertThat(pretty(actual)).as("%s: canonical record", caseName).isEqualTo(pretty(expected));
            }
        } else if (expected.has("rejected")) {
            List<FieldError> wanted = new ArrayList<>();
            expected.get("rejected").forEach(e -> wanted.add(new FieldError(e.path("field").asText(null),
                    e.path("message").asText(null))));
            assertThat(result.isAccepted()).as("%s: expected to be rejected, but accepted as%n%s", caseName,
                    pretty(actual)).isFalse();
            assertThat(result.errors()).as("%s: rejections; the current outcome is%n%s", caseName, pretty(actual))
                    .containsExactlyInAnyOrderElementsOf(wanted);
        } else {
            fail("%s must hold {\"accepted\": record}, {\"rejected\": [errors]} or {\"unreadable\": {status, detail}}",
                    expectedFile);
        }
    }

    /** The outcome in the expected-file format, to compare and to print when a case fails. */
    private JsonNode outcome(ItemResult result) {
        ObjectNode outcome = mapper.createObjectNode();
        if (result.isAccepted()) {
            outcome.set("accepted", mapper.valueToTree(result.submission().record()));
        } else {
            outcome.set("rejected", mapper.valueToTree(result.errors()));
        }
        return outcome;
    }

    /** Equal JSON, numbers compared by value so that {@code 1234.5} matches {@code 1234.50}. */
    private static boolean sameJson(JsonNode actual, JsonNode expected) {
        return actual.equals((a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue())
                : a.equals(b) ? 0 : 1, expected);
    }

    private String pretty(JsonNode node) throws IOException {
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
