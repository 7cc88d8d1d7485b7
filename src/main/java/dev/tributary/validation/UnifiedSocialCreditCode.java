package dev.tributary.validation;

/**
 * The 18-character unified social credit code (统一社会信用代码) of GB 32100-2015: characters from
 * {@code 0123456789ABCDEFGHJKLMNPQRTUWXY} (values 0–30), weights 3^(i−1) mod 31, and a check
 * character of value (31 − Σ value × weight mod 31) mod 31.
 */
public final class UnifiedSocialCreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int LENGTH = 18;

    private UnifiedSocialCreditCode() {
    }

    /** Why {@code code} is not a valid code, or null when it is. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "is empty";
        }
        if (code.length() != LENGTH) {
            return "must have 18 characters, has " + code.length();
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " '" + code.charAt(i)
                        + "' is not allowed (digits and capital letters except I, O, S, V, Z)";
            }
        }
        char expected = checkCharacter(code.substring(0, LENGTH - 1));
        if (code.charAt(LENGTH - 1) != expected) {
            return "check character is '" + code.charAt(LENGTH - 1) + "' but should be '" + expected
                    + "': the code is mistyped";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
