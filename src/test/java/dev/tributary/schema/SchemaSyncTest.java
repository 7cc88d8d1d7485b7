package dev.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.EventEnvelope;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.RecordType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves that the published JSON Schemas match the canonical records: the same fields at every
 * level ({@code $defs} included), the same enum constants, and a JSON type fitting each Java type.
 */
class SchemaSyncTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void should_have_exactly_the_record_components_as_schema_properties_at_every_level(RecordType type)
            throws IOException {
        JsonNode schema = schema(type.wireName());
        Set<String> visitedDefs = new HashSet<>();

        assertSameFields(schema, schema, type.recordClass(), type.wireName(), visitedDefs);

        assertThat(visitedDefs).as("every $defs entry of %s is a record the model uses", type.wireName())
                .containsExactlyInAnyOrderElementsOf(fieldNames(schema.path("$defs")));
    }

    @Test
    void should_name_each_def_after_its_record() throws IOException {
        assertThat(fieldNames(schema("order").path("$defs")))
                .containsExactlyInAnyOrder("sourceRef", "customerRef", "orderLine");
        assertThat(fieldNames(schema("customer").path("$defs"))).containsExactlyInAnyOrder("sourceRef", "contact");
        assertThat(fieldNames(schema("opportunity").path("$defs")))
                .containsExactlyInAnyOrder("sourceRef", "customerRef");
    }

    @Test
    void should_publish_the_same_shared_defs_in_every_schema() throws IOException {
        JsonNode orderDefs = schema("order").path("$defs");

        assertThat(schema("customer").at("/$defs/sourceRef")).isEqualTo(orderDefs.get("sourceRef"));
        assertThat(schema("opportunity").at("/$defs/sourceRef")).isEqualTo(orderDefs.get("sourceRef"));
        assertThat(schema("opportunity").at("/$defs/customerRef")).isEqualTo(orderDefs.get("customerRef"));
    }

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void should_require_only_declared_properties(RecordType type) throws IOException {
        JsonNode schema = schema(type.wireName());
        List<JsonNode> objects = new ArrayList<>(List.of(schema));
        schema.path("$defs").forEach(objects::add);

        for (JsonNode object : objects) {
            assertThat(fieldNames(object.path("properties"))).containsAll(texts(object.path("required")));
            assertThat(object.path("additionalProperties").asBoolean(true))
                    .as("%s forbids unknown fields", type.wireName()).isFalse();
        }
    }

    @Test
    void should_have_exactly_the_envelope_components_in_the_event_schema() throws IOException {
        JsonNode schema = schema("event");

        assertThat(fieldNames(schema.path("properties")))
                .containsExactlyInAnyOrderElementsOf(componentNames(EventEnvelope.class));
        assertThat(texts(schema.at("/properties/type/enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(RecordType.values()).map(RecordType::eventType).toList());
        assertThat(schema.at("/properties/specversion/const").asText()).isEqualTo(EventEnvelope.SPEC_VERSION);
        assertThat(schema.at("/properties/datacontenttype/const").asText()).isEqualTo(EventEnvelope.CONTENT_TYPE);
    }

    @Test
    void should_check_a_schema_for_every_record_kind() {
        assertThat(Arrays.stream(RecordType.values()).map(RecordType::recordClass).toList())
                .containsExactlyInAnyOrder(Customer.class, Order.class, Opportunity.class);
        assertThat(SchemaRegistry.NAMES).containsExactlyInAnyOrder("customer", "order", "opportunity", "event");
    }

    /**
     * Compares one schema object with one record, then descends into every component that is a
     * record or a list of records through the property's {@code $ref}. Enum components are checked
     * against the schema's {@code enum}, which holds null exactly when the property is optional.
     */
    private void assertSameFields(JsonNode root, JsonNode object, Class<?> record, String at, Set<String> visitedDefs) {
        JsonNode properties = object.path("properties");
        assertThat(fieldNames(properties)).as("properties of %s", at)
                .containsExactlyInAnyOrderElementsOf(componentNames(record));
        Set<String> required = new HashSet<>(texts(object.path("required")));

        for (RecordComponent component : record.getRecordComponents()) {
            String path = at + "." + component.getName();
            JsonNode property = properties.path(component.getName());
            Class<?> type = component.getType();
            Class<?> element = type == List.class ? listElement(component.getGenericType()) : null;

            assertJsonType(property, type, path);
            if (type.isEnum()) {
                assertEnum(property, type, required.contains(component.getName()), path);
            }
            Class<?> nested = type.isRecord() ? type : element != null && element.isRecord() ? element : null;
            if (nested != null) {
                String ref = (type.isRecord() ? property : property.path("items")).path("$ref").asText();
                String def = decapitalise(nested.getSimpleName());
                assertThat(ref).as("%s refers to the def of %s", path, nested.getSimpleName())
                        .isEqualTo("#/$defs/" + def);
                visitedDefs.add(def);
                assertSameFields(root, root.at("/$defs/" + def), nested, path, visitedDefs);
            }
        }
    }

    private static void assertEnum(JsonNode property, Class<?> type, boolean required, String path) {
        List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        List<JsonNode> values = StreamSupport.stream(property.path("enum").spliterator(), false).toList();

        assertThat(values.stream().filter(v -> !v.isNull()).map(JsonNode::asText).toList())
                .as("enum of %s", path).containsExactlyInAnyOrderElementsOf(constants);
        assertThat(values.stream().anyMatch(JsonNode::isNull))
                .as("enum of %s allows null exactly when the field is optional", path).isEqualTo(!required);
    }

    /** The JSON type a Java type is written as; schemas may allow null and decimal strings beside it. */
    private static void assertJsonType(JsonNode property, Class<?> type, String path) {
        if (type.isEnum()) {
            assertThat(property.has("enum")).as("%s is an enum", path).isTrue();
            return;
        }
        if (type.isRecord() || CanonicalRecord.class.isAssignableFrom(type)) {
            return; // checked through its $ref
        }
        List<String> types = property.path("type").isArray() ? texts(property.path("type"))
                : List.of(property.path("type").asText());
        String expected = type == String.class || type == Instant.class || type == LocalDate.class ? "string"
                : type == BigDecimal.class ? "number"
                : type == int.class || type == Integer.class || type == long.class || type == Long.class ? "integer"
                : type == List.class ? "array"
                : null;
        assertThat(expected).as("a JSON type is known for %s (%s)", path, type.getName()).isNotNull();
        assertThat(types).as("JSON type of %s", path).contains(expected);
        if (type == Instant.class) {
            assertThat(property.path("format").asText()).as("format of %s", path).isEqualTo("date-time");
        }
        if (type == LocalDate.class) {
            assertThat(property.path("format").asText()).as("format of %s", path).isEqualTo("date");
        }
    }

    private JsonNode schema(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/schema/" + name + ".schema.json")) {
            assertThat(in).as("schema/%s.schema.json on the classpath", name).isNotNull();
            return mapper.readTree(in);
        }
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static Class<?> listElement(Type generic) {
        Type argument = ((ParameterizedType) generic).getActualTypeArguments()[0];
        return argument instanceof Class<?> c ? c : Object.class;
    }

    private static String decapitalise(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
