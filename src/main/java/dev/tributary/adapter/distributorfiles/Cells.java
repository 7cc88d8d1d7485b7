package dev.tributary.adapter.distributorfiles;

import dev.tributary.validation.FieldError;
import dev.tributary.validation.InputLimits;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the cells of a distributor file as typed values, repairing what spreadsheets write in
 * their own way: full-width digits, thousands separators, percent signs, dates in the three forms
 * Chinese offices use. A cell that cannot be read adds a problem naming the canonical field, so
 * intake rejects the order with that reason.
 */
final class Cells {

    static final String DATE_FORMS = "2026-11-03, 2026/11/3 or 2026年11月3日";

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?");
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*(?:[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})|年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?)"
                    + "(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final int MAX_NUMBER_CHARS = 40;
    /** No VAT rate in China is above this; a higher one is a mistyped cell, not a rate. */
    private static final BigDecimal MAX_RATE = new BigDecimal("0.30");

    private Cells() {
    }

    /** A text cell: null when empty; an apostrophe the hub's own reports added is taken away. */
    static String text(String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        return SpreadsheetText.restore(cell);
    }

    /** Text as compared and used in ids: NFKC (half-width), trimmed, inner blanks folded. */
    static String folded(String cell) {
        String text = text(cell);
        return text == null ? null
                : BLANKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).strip()).replaceAll(" ");
    }

    /**
     * A decimal number, or null with a problem at {@code field} (also when the cell is empty and
     * {@code required}); {@code 1,234.50}, {@code １２} and {@code +5} are read, {@code -5} is a
     * negative number.
     */
    static BigDecimal decimal(String cell, String field, boolean required, List<FieldError> problems) {
        String text = text(cell);
        if (text == null) {
            if (required) {
                problems.add(new FieldError(field, "is empty"));
            }
            return null;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replace('−', '-');
        if (folded.length() <= MAX_NUMBER_CHARS && PLAIN_NUMBER.matcher(folded).matches()) {
            return new BigDecimal(folded.replace(",", ""));
        }
        problems.add(new FieldError(field, "'" + InputLimits.shorten(text) + "' is not a number such as 12 or 1,234.50"));
        return null;
    }

    /** A tax rate as a fraction: {@code 13%}, {@code 0.13} and {@code 13} mean 0.13, {@code 1} means 0.01; above 30 % is a problem. */
    static BigDecimal rate(String cell, String field, List<FieldError> problems) {
        String text = text(cell);
        if (text == null) {
            return null;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        boolean percent = folded.endsWith("%");
        BigDecimal value = decimal(percent ? folded.substring(0, folded.length() - 1) : folded, field, true,
                problems);
        if (value == null) {
            return null;
        }
        // a bare 1 or more is percent without the sign: a 1 % rate is written "1", and a rate of 100 % does not exist
        BigDecimal rate = percent || value.compareTo(BigDecimal.ONE) >= 0 ? value.movePointLeft(2) : value;
        if (rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0) {
            problems.add(new FieldError(field, "'" + InputLimits.shorten(text) + "' is not a tax rate such as 13%, 0.13"
                    + " or 13 (0 to 30 %)"));
            return null;
        }
        return rate;
    }

    /** A date in one of {@link #DATE_FORMS} (a time after it is ignored), or null with a problem. */
    static LocalDate date(String cell, String field, List<FieldError> problems) {
        String text = text(cell);
        if (text == null) {
            problems.add(new FieldError(field, "is empty"));
            return null;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        Matcher m = DATE.matcher(folded);
        if (!m.matches()) {
            problems.add(new FieldError(field, "'" + InputLimits.shorten(text) + "' is not a date such as " + DATE_FORMS));
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
        int day = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(5));
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            problems.add(new FieldError(field, "'" + InputLimits.shorten(text) + "' is not a day of the calendar"));
            return null;
        }
    }
}
