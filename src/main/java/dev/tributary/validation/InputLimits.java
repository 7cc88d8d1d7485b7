package dev.tributary.validation;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The bounds every input respects before the hub computes with it or keys anything by it: ids are
 * short printable text, a source system is a plain token (so keys joined with '.' or '/' cannot be
 * read two ways), and amounts have a bounded number of digits (a number such as {@code 1e30000000}
 * would otherwise cost seconds of CPU and megabytes of answer).
 */
public final class InputLimits {

    /** Longest id: source ids, event ids, order numbers, SKUs. */
    public static final int MAX_ID_CHARS = 128;
    /** Longest free text: names, addresses, descriptions. */
    public static final int MAX_TEXT_CHARS = 2_000;
    /** Most items of any array inside a record (lines, contacts, source references). */
    public static final int MAX_ARRAY_ITEMS = 1_000;
    /** Most digits of an amount before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** Most digits of an amount after the decimal point (trailing zeros do not count). */
    public static final int MAX_FRACTION_DIGITS = 10;

    /** Most digits before the decimal point of any number (a 64-bit version or timestamp has 19). */
    private static final int MAX_NUMBER_DIGITS = 20;
    /** Most decimals a number may be written with, trailing zeros included (1.500… stays usable). */
    private static final int MAX_WRITTEN_SCALE = 32;

    private static final Pattern SYSTEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private InputLimits() {
    }

    /** Why {@code id} is not a usable id, or null: 1–128 characters, none invisible or a control. */
    public static String idProblem(String id) {
        if (id.length() > MAX_ID_CHARS) {
            return "is " + id.length() + " characters long; at most " + MAX_ID_CHARS + " are allowed";
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (invisible(c)) {
                return "contains the invisible character " + describe(c) + " at position " + (i + 1);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * Why {@code text} cannot be passed on, or null: control characters other than tab and line
     * breaks, and halves of surrogate pairs, which strict JSON parsers and databases at HQ refuse.
     */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
            boolean loneSurrogate = Character.isHighSurrogate(c)
                    ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (control || loneSurrogate) {
                return "contains " + (control ? "the control character " + describe(c) : String.format(
                        "U+%04X, half of a character that was cut in two", (int) c)) + " at position " + (i + 1);
            }
        }
        return null;
    }

    /** Why {@code system} is not a source-system name, or null. */
    public static String systemProblem(String system) {
        return SYSTEM.matcher(system).matches() ? null
                : "'" + shorten(system) + "' is not a system name: 1–64 letters, digits, '-' or '_', starting with a letter or digit";
    }

    /** Whether {@code region} may be a region id (a URL segment and a key part). */
    public static boolean isRegionId(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    /** Why a JSON number is too large or too long to be any value of a record (counts, versions, amounts), or null. */
    public static String numberProblem(BigDecimal number) {
        return digitsProblem(number, MAX_NUMBER_DIGITS, "is written with too many decimals: at most " + MAX_WRITTEN_SCALE);
    }

    /** Why {@code amount} is too large or too precise to be an amount, or null. */
    public static String amountProblem(BigDecimal amount) {
        String tooPrecise = "has too many decimals: at most " + MAX_FRACTION_DIGITS + " after the decimal point";
        String problem = digitsProblem(amount, MAX_INTEGER_DIGITS, tooPrecise);
        if (problem == null && amount.scale() > MAX_FRACTION_DIGITS
                && amount.stripTrailingZeros().scale() > MAX_FRACTION_DIGITS) {
            return tooPrecise;
        }
        return problem;
    }

    /**
     * The written scale first — a zero such as 0e-2147483647 has one digit but an exponent that any
     * arithmetic or printing would expand — then the integer digits, computed without expanding the number.
     */
    private static String digitsProblem(BigDecimal number, int maxIntegerDigits, String tooPrecise) {
        if (number.scale() > MAX_WRITTEN_SCALE) {
            return tooPrecise;
        }
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > maxIntegerDigits || (number.signum() == 0 && number.scale() < -maxIntegerDigits)) {
            return "is too large: at most " + maxIntegerDigits + " digits before the decimal point";
        }
        return null;
    }

    /** Control, format (zero-width), separator-other-than-space or unassigned code points. */
    public static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE;
    }

    /** {@code U+200B ZERO WIDTH SPACE}: a character named so a user can find it. */
    public static String describe(int codePoint) {
        String name = Character.getName(codePoint);
        return String.format("U+%04X%s", codePoint, name == null ? "" : " " + name);
    }

    /** A field name as an error names it: shortened, and an empty name made visible. */
    public static String fieldName(String name) {
        return name.isEmpty() ? "(empty name)" : shorten(name);
    }

    /** The first 64 characters of {@code text}, for quoting it in a message. */
    public static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
