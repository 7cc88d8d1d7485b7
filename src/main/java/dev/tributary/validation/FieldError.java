package dev.tributary.validation;

/** One problem with one field: {@code field} is a JSON path such as {@code lines[0].quantity}. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
