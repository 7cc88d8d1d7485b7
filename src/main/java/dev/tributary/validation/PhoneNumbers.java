package dev.tributary.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a phone number as regional tools export it ({@code 0431-22576948}, {@code (021)6234 5678},
 * {@code 0086 138…}, full-width digits, {@code 转 8012} extensions) in E.164 with libphonenumber,
 * the local formats read by the country of the record, else of its region. A number that is not
 * a possible number of any country is kept as written and reported, never a reason to lose a record.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern HYPHEN_EXTENSION = Pattern.compile("(.*\\d)\\s*-\\s*(\\d{1,6})");

    /**
     * The number in E.164 and its extension (null when none), or why it could not be read;
     * {@code doubt} says why a readable number may still be wrong (not a number in use).
     */
    public record Phone(String e164, String extension, String problem, String doubt) {

        public boolean readable() {
            return e164 != null;
        }
    }

    private PhoneNumbers() {
    }

    /**
     * Reads {@code written}; {@code defaultCountry} (ISO 3166-1 alpha-2, may be null) gives the
     * country of a number written without its country code.
     */
    public static Phone normalise(String written, String defaultCountry) {
        String text = Normalizer.normalize(written, Normalizer.Form.NFKC)
                // Chinese extension markers, and "00" as the international prefix used in China and Europe
                .replaceAll("\\s*(转|分机|內線|内线)\\s*", " ext. ")
                .strip();
        String country = defaultCountry == null ? null : defaultCountry.toUpperCase(Locale.ROOT);
        // with a country, libphonenumber strips that country's own international prefix (00, 0011, 011…);
        // without one, 00 is the prefix most of the regions' countries use
        if (country == null && text.startsWith("00") && !text.startsWith("000")) {
            text = "+" + text.substring(2);
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(text, country == null ? "ZZ" : country);
        } catch (NumberParseException e) {
            return new Phone(null, null, "cannot be read as a phone number"
                    + (country == null && !text.startsWith("+") ? " (no country code, and no country to read it by)" : ""),
                    null);
        }
        String extension = number.hasExtension() && !number.getExtension().isEmpty() ? number.getExtension() : null;
        if (!UTIL.isValidNumber(number)) {
            // "021-62345678-305": an extension after the last hyphen, as Chinese switchboards write it
            Matcher trailing = HYPHEN_EXTENSION.matcher(text);
            if (extension == null && trailing.matches()) {
                try {
                    PhoneNumber main = UTIL.parse(trailing.group(1), country == null ? "ZZ" : country);
                    if (UTIL.isValidNumber(main)) {
                        number = main;
                        extension = trailing.group(2);
                    }
                } catch (NumberParseException e) {
                    // not a number with an extension either: judged as written below
                }
            }
        }
        if (!UTIL.isPossibleNumber(number)) {
            return new Phone(null, null, "is not a possible phone number of "
                    + (UTIL.getRegionCodeForCountryCode(number.getCountryCode()).equals("ZZ")
                            ? "any country" : "country code +" + number.getCountryCode()), null);
        }
        String doubt = UTIL.isValidNumber(number) ? null
                : "has the length of a number of country code +" + number.getCountryCode() + " but is not one in use";
        return new Phone(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), extension, null, doubt);
    }
}
