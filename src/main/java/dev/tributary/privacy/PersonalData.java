package dev.tributary.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the personal data that text can be recognised by: e-mail addresses keep their first
 * character and their domain ({@code w***@huadong-jx.cn}), phone numbers their last two digits
 * ({@code +***********01}). Dates, times and ids are left as they are; a bare number of seven or
 * more digits cannot be told from a phone number and is masked.
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,})");
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}._/:-])(?:\\+|00)?[(]?\\d[\\d ()\\-]{5,22}\\d(?![\\p{L}\\p{N}_/:-]|\\.\\d)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
    private static final int MIN_PHONE_DIGITS = 7;

    private PersonalData() {
    }

    /** {@code text} with every e-mail address and phone number in it masked. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text.indexOf('@') >= 0 ? EMAIL.matcher(text).replaceAll("$1***@$2") : text;
        Matcher phone = PHONE.matcher(masked);
        StringBuilder out = null;
        int last = 0;
        while (phone.find()) {
            String candidate = phone.group();
            if (DATE.matcher(candidate).matches() || digits(candidate) < MIN_PHONE_DIGITS) {
                continue;
            }
            out = out == null ? new StringBuilder(masked.length()) : out;
            out.append(masked, last, phone.start()).append(maskDigits(candidate));
            last = phone.end();
        }
        return out == null ? masked : out.append(masked, last, masked.length()).toString();
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += Character.isDigit(text.charAt(i)) ? 1 : 0;
        }
        return n;
    }

    /** Every digit but the last two as '*'. */
    private static String maskDigits(String phone) {
        int total = digits(phone);
        StringBuilder out = new StringBuilder(phone.length());
        int seen = 0;
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen > total - 2 ? c : '*');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
