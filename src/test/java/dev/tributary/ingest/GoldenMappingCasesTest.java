package dev.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.json.HubObjectMapper;
import dev.tributary.schema.SchemaRegistry;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetMapping;
import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Proves the golden mapping cases of every adapter, {@code mappings/<adapter>/}: each
 * {@code <case>.input.*} becomes exactly the records, or exactly the rejections, in
 * {@code <case>.expected.json}. {@code canonical} cases are ingest items posted to
 * {@code /ingest/cn-east/canonical}; every other folder's inputs go through that adapter's
 * {@link SourceMapping} and then intake's checks, or, for a target adapter, through its
 * {@link TargetMapping} into the vendor requests. Cases and adapters are discovered, so adding
 * files adds tests.
 */
class GoldenMappingCasesTest {

    static final Path MAPPINGS = Path.of("mappings");
    static final String REGION = "cn-east";
    private static final String CANONICAL = "canonical";
    private static final String EXPECTED = ".expected.json";
    private static final int MIN_CASES = 8;

    private final ObjectMapper mapper = HubObjectMapper.create();
    private final RecordChecker checker = new RecordChecker(mapper, new SchemaRegistry(mapper), Clock.systemUTC(),
            region -> "CN");
    private final SubmissionReader reader = new SubmissionReader(checker);
    private final IngestBody bodies = new IngestBody(mapper, 1_048_576, 500);

    @TestFactory
    Stream<DynamicContainer> should_map_each_golden_input_to_its_expected_outcome() throws IOException {
        Map<String, SourceMapping> adapters = adapters();
        Map<String, TargetMapping> targets = targetAdapters();
        List<Path> folders;
        try (Stream<Path> files = Files.list(MAPPINGS)) {
            folders = files.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).as("adapter folders in %s", MAPPINGS.toAbsolutePath()).isNotEmpty();
        return folders.stream().map(folder -> {
            String adapter = folder.getFileName().toString();
            List<Path> inputs = inputs(folder);
            return DynamicContainer.dynamicContainer(adapter, folder.toUri(), Stream.concat(
                    Stream.of(DynamicTest.dynamicTest("has cases and a mapping", () -> {
                        assertThat(inputs).as("golden cases in %s (at least %d per adapter)", folder,
                                MIN_CASES).hasSizeGreaterThanOrEqualTo(MIN_CASES);
                        assertThat(adapter.equals(CANONICAL) || adapters.containsKey(adapter) || targets.containsKey(adapter))
                                .as("a SourceMapping or TargetMapping in dev.tributary.adapter whose adapter() is '%s'",
                                        adapter).isTrue();
                    })),
                    inputs.stream().map(input -> {
                        String caseName = caseName(input);
                        Path expected = folder.resolve(caseName + EXPECTED);
                        return DynamicTest.dynamicTest(caseName, input.toUri(), () -> {
                            if (adapter.equals(CANONICAL)) {
                                check(caseName, input, expected);
                            } else if (targets.containsKey(adapter)) {
                                checkTarget(targets.get(adapter), caseName, input, expected);
                            } else {
                                checkAdapter(adapters.get(adapter), caseName, input, expected);
                            }
                        });
                    })));
        });
    }

    @TestFactory
    Stream<DynamicTest> should_have_golden_cases_for_each_adapter() {
        return Stream.concat(adapters().keySet().stream(), targetAdapters().keySet().stream()).map(adapter -> DynamicTest.dynamicTest(adapter,
                () -> assertThat(MAPPINGS.resolve(adapter)).as("golden cases of adapter %s", adapter).isDirectory()));
    }

    @TestFactory
    Stream<DynamicTest> should_have_an_input_for_each_expected_file() throws IOException {
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.walk(MAPPINGS, 2)) {
            expectedFiles = files.filter(p -> p.getFileName().toString().endsWith(EXPECTED)).sorted().toList();
        }
        return expectedFiles.stream().map(expected -> {
            String name = expected.getFileName().toString();
            String caseName = name.substring(0, name.length() - EXPECTED.length());
            return DynamicTest.dynamicTest(MAPPINGS.relativize(expected).toString(), () -> assertThat(inputs(
                    expected.getParent()).stream().map(GoldenMappingCasesTest::caseName)).contains(caseName));
        });
    }

    private static List<Path> inputs(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().contains(".input.")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String caseName(Path input) {
        String name = input.getFileName().toString();
        return name.substring(0, name.indexOf(".input."));
    }

    /** Every source adapter's mapping, found on the classpath by the interface it implements. */
    private static Map<String, SourceMapping> adapters() {
        Map<String, SourceMapping> adapters = new TreeMap<>();
        for (SourceMapping mapping : mappings(SourceMapping.class)) {
            adapters.put(mapping.adapter(), mapping);
        }
        return adapters;
    }

    /** Every target adapter's mapping, found like the source adapters' ones. */
    private static Map<String, TargetMapping> targetAdapters() {
        Map<String, TargetMapping> adapters = new TreeMap<>();
        for (TargetMapping mapping : mappings(TargetMapping.class)) {
            adapters.put(mapping.adapter(), mapping);
        }
        return adapters;
    }

    private static <T> List<T> mappings(Class<T> type) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(type));
        List<T> mappings = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("dev.tributary.adapter")) {
            try {
                var constructor = Class.forName(candidate.getBeanClassName()).getDeclaredConstructor();
                constructor.setAccessible(true);
                mappings.add(type.cast(constructor.newInstance()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(candidate.getBeanClassName() + " needs a no-argument constructor", e);
            }
        }
        return mappings;
    }

    /**
     * A target adapter's case: the input is one event as the hub publishes it, or a JSON array of
     * them (delivered in one call); the expected file is {@code {"requests": [{method, path, body}]}}.
     */
    private void checkTarget(TargetMapping mapping, String caseName, Path inputFile, Path expectedFile)
            throws IOException {
        JsonNode input = mapper.readTree(Files.readAllBytes(inputFile));
        List<TargetEvent> events = new ArrayList<>();
        for (JsonNode event : input.isArray() ? input : mapper.createArrayNode().add(input)) {
            events.add(TargetEvent.of(mapper.writeValueAsBytes(event), mapper));
        }
        JsonNode actual = mapper.createObjectNode().set("requests", mapper.valueToTree(mapping.requests(events)));
        if (!Files.exists(expectedFile)) {
            fail("%s has no %s; after checking it, the requests are:%n%s", caseName, expectedFile.getFileName(),
                    pretty(actual));
        }
        JsonNode expected = mapper.readTree(Files.readString(expectedFile));
        if (!sameJson(actual, expected)) {
            assertThat(pretty(actual)).as("%s: the vendor requests for the events", caseName).isEqualTo(pretty(expected));
        }
    }

    /**
     * An adapter's case: the outcome of each record the input maps to, as
     * {@code {"records": [{"accepted": record, "warnings": […]} | {"rejected": […]}]}}, or
     * {@code {"unreadable": {"detail": …}}} when the input cannot be read at all.
     */
    private void checkAdapter(SourceMapping mapping, String caseName, Path inputFile, Path expectedFile)
            throws IOException {
        JsonNode actual;
        try {
            List<IncomingRecord> records = mapping.map(REGION, inputFile.getFileName().toString(),
                    Files.readAllBytes(inputFile));
            ArrayNode outcomes = mapper.createArrayNode();
            for (int i = 0; i < records.size(); i++) {
                ItemResult result = checker.check(REGION, i, records.get(i), "trace-1");
                ObjectNode outcome = (ObjectNode) outcome(result);
                if (result.isAccepted() && !result.warnings().isEmpty()) {
                    outcome.set("warnings", mapper.valueToTree(result.warnings()));
                }
                outcomes.add(outcome);
            }
            actual = mapper.createObjectNode().set("records", outcomes);
        } catch (UnreadableInputException e) {
            actual = mapper.createObjectNode().set("unreadable", mapper.createObjectNode().put("detail", e.getMessage()));
        }
        if (!Files.exists(expectedFile)) {
            fail("%s has no %s; after checking it, the current outcome is:%n%s", caseName, expectedFile.getFileName(),
                    pretty(actual));
        }
        JsonNode expected = mapper.readTree(Files.readString(expectedFile));
        if (!sameJson(actual, expected)) {
            assertThat(pretty(actual)).as("%s: the records and rejections of the input", caseName)
                    .isEqualTo(pretty(expected));
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
            assertThat((JsonNode) mapper.valueToTree(result.warnings())).as("%s: data-quality warnings", caseName)
                    .isEqualTo(expected.has("warnings") ? expected.get("warnings") : mapper.createArrayNode());
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
            if (!result.warnings().isEmpty()) {
                outcome.set("warnings", mapper.valueToTree(result.warnings()));
            }
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
