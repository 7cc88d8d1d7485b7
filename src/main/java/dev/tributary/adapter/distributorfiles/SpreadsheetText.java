package dev.tributary.adapter.distributorfiles;

/**
 * Writes a cell the hub writes into a CSV or XLSX file so that a spreadsheet never runs it as a
 * formula: a cell starting with {@code = + - @}, a tab or a carriage return gets a leading {@code '}.
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    /** {@code cell} safe to open in a spreadsheet; null stays null. */
    public static String neutralise(String cell) {
        return cell != null && !cell.isEmpty() && isTrigger(cell.charAt(0)) ? "'" + cell : cell;
    }

    /**
     * A cell read back from a file the hub wrote (a reject report a distributor corrected and sent
     * again): the apostrophe {@link #neutralise} added is taken away, so the value is as sent first.
     */
    static String restore(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && isTrigger(cell.charAt(1))
                ? cell.substring(1) : cell;
    }

    private static boolean isTrigger(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
