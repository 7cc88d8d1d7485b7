package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tributary.validation.TaxIds;
import java.text.Normalizer;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tidies a canonical record as received, before it is checked: trims text, writes code fields
 * (currency, country, status, …) width-folded and in capitals, tax ids in the form they are
 * compared in ({@link TaxIds}), region ids in lower case, and fills a missing source region from
 * the ingest path.
 * Golden cases in {@code mappings/canonical/} pin down its behaviour.
 */
final class CanonicalNormaliser {

    private static final Set<String> UPPER_CASE_FIELDS = Set.of("currency", "country", "status", "channel", "stage", "tier");
    private static final Set<String> TAX_ID_FIELDS = Set.of("unifiedSocialCreditCode", "taxId");

    private CanonicalNormaliser() {
    }

    /** Normalises {@code data} in place. */
    static void normalise(JsonNode data, String region) {
        tidy(data);
        if (data instanceof ObjectNode object) {
            fillRegion(object.get("sourceRef"), region);
            if (object.get("sourceRefs") instanceof ArrayNode refs) {
                refs.forEach(ref -> fillRegion(ref, region));
            }
        }
    }

    private static void tidy(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    String text = field.getValue().asText().strip();
                    if (TAX_ID_FIELDS.contains(field.getKey())) {
                        // a code of separators only stays as written, so that it is rejected, not dropped
                        String folded = TaxIds.normalise(text);
                        text = folded.isEmpty() ? text : folded;
                    } else if (UPPER_CASE_FIELDS.contains(field.getKey())) {
                        text = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
                    } else if (field.getKey().equals("region") || field.getKey().equals("ownerRegion")) {
                        text = text.toLowerCase(Locale.ROOT);
                    }
                    field.setValue(TextNode.valueOf(text));
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

    private static void fillRegion(JsonNode sourceRef, String region) {
        if (sourceRef instanceof ObjectNode ref && (ref.path("region").isMissingNode() || ref.path("region").isNull()
                || ref.path("region").asText().isEmpty())) {
            ref.put("region", region);
        }
    }
}
