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

    private static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";
    private static final String CURRENCY_PATTERN = "^[A-Za-z]{3}$";

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
        String property = message.getProperty();
        if ("required".equals(message.getType()) && property != null) {
            return new FieldError(join(field, property), "is required");
        }
        if ("additionalProperties".equals(message.getType()) && property != null) {
            return new FieldError(join(field, property), "is not a field of this record");
        }
        return new FieldError(field.isEmpty() ? "(record)" : field, readable(message));
    }

    /** The library's message, reworded where a regional user would not understand it. */
    private static String readable(ValidationMessage message) {
        JsonNode value = message.getInstanceNode();
        String quoted = value == null ? "the value" : value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        String schemaValue = keywordValue(message, "pattern");
        switch (message.getType()) {
            case "pattern":
                if (schemaValue.equals(DECIMAL_PATTERN)) {
                    return quoted + " is not a decimal number such as 12.50";
                }
                if (schemaValue.equals(CURRENCY_PATTERN)) {
                    return quoted + " is not a 3-letter ISO 4217 currency code such as CNY";
                }
                break;
            case "format":
                String format = keywordValue(message, "format");
                if (format.equals("date")) {
                    return quoted + " is not a date in the form 2026-11-27";
                }
                if (format.equals("date-time")) {
                    return quoted + " is not a time with a UTC offset, such as 2026-11-27T09:30:00+08:00 or 2026-11-27T01:30:00Z";
                }
                break;
            case "type":
                Object[] args = message.getArguments();
                if (args != null && args.length >= 2) {
                    String expected = String.valueOf(args[1]).replace("[", "").replace("]", "")
                            .replace(", null", "").replace(", ", " or ");
                    return quoted + " is " + article(String.valueOf(args[0])) + " but must be " + article(expected);
                }
                break;
            case "minLength":
                return "is required (it is empty)";
            case "minItems":
                return "needs at least " + message.getArguments()[0] + " entry";
            default:
                break;
        }
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 ? text.substring(colon + 2) : text;
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }

    private static String keywordValue(ValidationMessage message, String keyword) {
        JsonNode node = message.getSchemaNode();
        if (node == null) {
            return "";
        }
        return node.isTextual() ? node.asText() : node.path(keyword).asText("");
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }
}
