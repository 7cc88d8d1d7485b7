package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.validation.FieldError;
import dev.tributary.validation.InputLimits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks the size of every value of an item before it is normalised, checked against its schema
 * or bound: text length and characters, array length and the digits of numbers ({@link InputLimits}). An item out
 * of bounds is rejected with the field that is too big, and nothing else is computed from it.
 */
final class InputBounds {

    /** No field of the canonical model has a longer name. */
    static final int MAX_FIELD_NAME_CHARS = 64;

    private InputBounds() {
    }

    private static String join(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    /** Every value of {@code node} (at path {@code at}) that is out of bounds. */
    static List<FieldError> check(String at, JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        walk(at, node, errors);
        return errors;
    }

    private static void walk(String at, JsonNode node, List<FieldError> errors) {
        if (node.isTextual()) {
            int length = node.textValue().length();
            if (length > InputLimits.MAX_TEXT_CHARS) {
                errors.add(new FieldError(at, "is " + length + " characters long; at most "
                        + InputLimits.MAX_TEXT_CHARS + " are allowed"));
            } else {
                String problem = InputLimits.textProblem(node.textValue());
                if (problem != null) {
                    errors.add(new FieldError(at, problem));
                }
            }
        } else if (node.isNumber()) {
            String problem = InputLimits.numberProblem(node.decimalValue());
            if (problem != null) {
                errors.add(new FieldError(at, problem));
            }
        } else if (node.isArray()) {
            if (node.size() > InputLimits.MAX_ARRAY_ITEMS) {
                errors.add(new FieldError(at, "has " + node.size() + " entries; at most "
                        + InputLimits.MAX_ARRAY_ITEMS + " are allowed"));
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                walk(at + "[" + i + "]", node.get(i), errors);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.isEmpty() || name.length() > MAX_FIELD_NAME_CHARS) {
                    errors.add(new FieldError(join(at, InputLimits.fieldName(name)), "is not a field of this record"));
                    continue;
                }
                walk(join(at, name), field.getValue(), errors);
            }
        }
    }
}
