package dev.tributary.identity;

/**
 * Composes a key from parts so that distinct part lists never give the same key: each part is
 * written as its length, a colon and the part ({@code 7:cn-east4:sfdc3:O.1}), so no character in a
 * part can be mistaken for a boundary between parts.
 */
public final class Keys {

    private Keys() {
    }

    /** The unambiguous key of {@code parts}; a null part is written as {@code -}. */
    public static String of(String... parts) {
        StringBuilder key = new StringBuilder();
        for (String part : parts) {
            if (part == null) {
                key.append('-');
            } else {
                key.append(part.length()).append(':').append(part);
            }
        }
        return key.toString();
    }
}
