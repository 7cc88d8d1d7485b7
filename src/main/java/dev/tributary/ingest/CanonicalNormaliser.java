package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tributary.validation.FieldError;
import dev.tributary.validation.InputLimits;
import dev.tributary.validation.PhoneNumbers;
import dev.tributary.validation.TaxIds;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Repairs what regional tools write in their own way, before a record is checked: trims text and
 * folds doubled whitespace in names, writes codes and numbers half-width and code fields in
 * capitals, tax ids in the form they are compared in ({@link TaxIds}), e-mail addresses in lower
 * case, phones in E.164 ({@link PhoneNumbers}), region ids in lower case, and fills a missing
 * source region from the region the record came from. What it cannot repair and that does not
 * make the record unusable (a phone or e-mail that cannot be read) is kept as written and returned
 * as a data-quality warning. Golden cases in {@code mappings/} pin down its behaviour.
 */
final class CanonicalNormaliser {

    private static final Set<String> UPPER_CASE_FIELDS = Set.of("currency", "country", "status", "channel", "stage", "tier");
    private static final Set<String> TAX_ID_FIELDS = Set.of("unifiedSocialCreditCode", "taxId");
    /** Codes and numbers a tool may write in full-width characters. */
    private static final Set<String> HALF_WIDTH_FIELDS = Set.of("sku", "orderNumber", "distributorId", "quantity",
            "unitPrice", "discount", "lineTotal", "taxRate", "netTotal", "taxTotal", "grossTotal", "amount",
            "probability", "lineNo", "version", "sourceVersion", "orderDate", "expectedCloseDate");
    private static final Set<String> NAME_FIELDS = Set.of("legalName", "normalisedName", "name", "title", "owner");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\\s\\u3000]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private CanonicalNormaliser() {
    }

    /**
     * Normalises {@code data} in place and returns its data-quality warnings (field paths relative
     * to {@code data}); {@code regionCountry} (ISO alpha-2, may be null) reads local phone numbers
     * of a record that names no country.
     */
    static List<FieldError> normalise(JsonNode data, String region, String regionCountry) {
        List<FieldError> warnings = new ArrayList<>();
        tidy(data);
        if (data instanceof ObjectNode object) {
            fillRegion(object.get("sourceRef"), region);
            if (object.get("sourceRefs") instanceof ArrayNode refs) {
                refs.forEach(ref -> fillRegion(ref, region));
            }
            String country = object.path("country").isTextual() && !object.path("country").asText().isEmpty()
                    ? object.path("country").asText() : regionCountry;
            if (object.get("contacts") instanceof ArrayNode contacts) {
                for (int i = 0; i < contacts.size(); i++) {
                    if (contacts.get(i) instanceof ObjectNode contact) {
                        contact(contact, "contacts[" + i + "]", country, warnings);
                    }
                }
            }
        }
        return warnings;
    }

    private static void contact(ObjectNode contact, String at, String country, List<FieldError> warnings) {
        if (contact.get("phone") instanceof TextNode phoneText && !phoneText.asText().isEmpty()) {
            String written = phoneText.asText();
            PhoneNumbers.Phone phone = PhoneNumbers.normalise(written, country);
            if (phone.readable()) {
                contact.put("phone", phone.e164());
                if (phone.extension() != null && !contact.path("phoneExtension").isTextual()) {
                    contact.put("phoneExtension", phone.extension());
                }
                if (phone.doubt() != null) {
                    warnings.add(new FieldError(at + ".phone", "'" + InputLimits.shorten(written) + "' " + phone.doubt()
                            + "; written as " + phone.e164() + ", check it"));
                }
            } else {
                warnings.add(new FieldError(at + ".phone", "'" + InputLimits.shorten(written) + "' " + phone.problem()
                        + "; kept as written"));
            }
        }
        if (contact.get("email") instanceof TextNode emailText && !emailText.asText().isEmpty()) {
            String email = emailText.asText().toLowerCase(Locale.ROOT);
            contact.put("email", email);
            if (!EMAIL.matcher(email).matches()) {
                warnings.add(new FieldError(at + ".email", "'" + InputLimits.shorten(email)
                        + "' is not an e-mail address; kept (trimmed, in lower case)"));
            }
        }
    }

    private static void tidy(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(tidy(field.getKey(), field.getValue().asText().strip())));
                } else {
                    tidy(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(array.get(i).asText().strip()));
                } else {
                    tidy(array.get(i));
                }
            }
        }
    }

    private static String tidy(String field, String text) {
        if (TAX_ID_FIELDS.contains(field)) {
            // a code of separators only stays as written, so that it is rejected, not dropped
            String folded = TaxIds.normalise(text);
            return folded.isEmpty() ? text : folded;
        }
        if (UPPER_CASE_FIELDS.contains(field)) {
            return nfkc(text).toUpperCase(Locale.ROOT);
        }
        if (HALF_WIDTH_FIELDS.contains(field)) {
            return halfWidth(text);
        }
        if (NAME_FIELDS.contains(field)) {
            return WHITESPACE_RUN.matcher(text).replaceAll(" ").strip();
        }
        if (field.equals("email")) {
            return halfWidth(text);
        }
        if (field.equals("region") || field.equals("ownerRegion")) {
            return text.toLowerCase(Locale.ROOT);
        }
        return text;
    }

    /**
     * Full-width forms (U+FF01–U+FF5E) and the ideographic space written as their ASCII
     * counterparts; unlike NFKC, nothing else changes (①, Ⅸ or ² in a code stay what they are).
     */
    static String halfWidth(String text) {
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char ascii = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            if (ascii != c && folded == null) {
                folded = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (folded != null) {
                folded.append(ascii);
            }
        }
        return folded == null ? text : folded.toString().strip();
    }

    private static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    private static void fillRegion(JsonNode sourceRef, String region) {
        if (sourceRef instanceof ObjectNode ref && (ref.path("region").isMissingNode() || ref.path("region").isNull()
                || ref.path("region").asText().isEmpty())) {
            ref.put("region", region);
        }
    }
}
