package dev.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tributary.canonical.RecordType;
import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Loads the schemas from {@code classpath:schema/} once and checks JSON against them. */
@Component
public class SchemaRegistry {

    /** Names served at {@code /api/schema/{name}}. */
    public static final List<String> NAMES = List.of("customer", "order", "opportunity", "event");

    private final Map<String, JsonNode> documents = new LinkedHashMap<>();
    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();

    public SchemaRegistry(ObjectMapper mapper) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .pathType(PathType.JSON_PATH)
                .build();
        for (String name : NAMES) {
            try (InputStream in = getClass().getResourceAsStream("/schema/" + name + ".schema.json")) {
                JsonNode document = mapper.readTree(in);
                documents.put(name, document);
                schemas.put(name, factory.getSchema(document, config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + name, e);
            }
        }
    }

    /** The schema document, if {@code name} is one of {@link #NAMES}. */
    public Optional<JsonNode> document(String name) {
        return Optional.ofNullable(documents.get(name));
    }

    /** Every structural problem of {@code node} as a record of {@code type}, sorted by field. */
    public List<FieldError> check(RecordType type, JsonNode node) {
        return schemas.get(type.wireName()).validate(node).stream()
                .map(SchemaRegistry::toFieldError)
                .distinct()
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    private static FieldError toFieldError(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        String field = at.startsWith("$.") ? at.substring(2) : at.startsWith("$") ? at.substring(1) : at;
        String text = message.getMessage();
        String property = message.getProperty();
        if ("required".equals(message.getType()) && property != null) {
            return new FieldError(join(field, property), "is required");
        }
        if ("additionalProperties".equals(message.getType()) && property != null) {
            return new FieldError(join(field, property), "is not a field of this record");
        }
        int colon = text.indexOf(": ");
        String detail = colon >= 0 ? text.substring(colon + 2) : text;
        return new FieldError(field.isEmpty() ? "(record)" : field, detail);
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }
}
