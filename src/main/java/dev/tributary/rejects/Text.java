package dev.tributary.rejects;

/**
 * Cuts untrusted text to a size the database accepts, on code point boundaries, and replaces what
 * PostgreSQL cannot store in a text column (NUL, unpaired surrogates) with U+FFFD.
 */
final class Text {

    static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /** At most {@code maxChars} UTF-16 units of {@code text}, never half of a surrogate pair. */
    static String cutToChars(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        if (text.length() <= maxChars) {
            return storable(text);
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return storable(text.substring(0, end));
    }

    /**
     * The longest prefix of {@code text} whose UTF-8 encoding, once made storable, takes at most
     * {@code maxBytes} bytes. Walks only the prefix, so a megabyte of text costs no more than the cut.
     */
    static String cutToUtf8Bytes(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int chars = 1;
            int width;
            if (c == 0) {
                width = 3; // stored as U+FFFD
            } else if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else {
                width = 3; // the rest of the BMP, and an unpaired surrogate stored as U+FFFD
            }
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            i += chars;
        }
        return storable(i == n ? text : text.substring(0, i));
    }

    /** {@code text} with NUL and unpaired surrogates replaced by U+FFFD (same length in chars). */
    static String storable(String text) {
        if (text == null) {
            return null;
        }
        char[] chars = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean bad;
            if (c == 0) {
                bad = true;
            } else if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    i++;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = REPLACEMENT;
            }
        }
        return chars == null ? text : new String(chars);
    }
}
