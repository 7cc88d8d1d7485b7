package dev.tributary.validation;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Tax ids (统一社会信用代码, VAT numbers, EINs) as the hub compares them: width-folded (NFKC, so
 * full-width digits count as digits), without invisible characters, spaces or the separators people
 * type ('-', '.', '/'), in capitals. What is left must be Latin letters and digits.
 */
public final class TaxIds {

    private static final int MIN_CHARS = 4;
    private static final int MAX_CHARS = 32;

    private TaxIds() {
    }

    /** {@code code} folded to the form it is compared in; null stays null. */
    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String folded = Normalizer.normalize(code, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(c -> !InputLimits.invisible(c) && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                        && c != '-' && c != '.' && c != '/')
                .forEach(out::appendCodePoint);
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** Why a normalised tax id cannot be used, or null. */
    public static String problem(String code) {
        if (code.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return "has no letters or digits";
        }
        if (code.length() < MIN_CHARS || code.length() > MAX_CHARS) {
            return "must have " + MIN_CHARS + " to " + MAX_CHARS + " letters and digits, has " + code.length();
        }
        for (int i = 0; i < code.length(); ) {
            int c = code.codePointAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return "contains '" + new String(Character.toChars(c)) + "' (" + InputLimits.describe(c)
                        + "), which is not a Latin letter or digit";
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
