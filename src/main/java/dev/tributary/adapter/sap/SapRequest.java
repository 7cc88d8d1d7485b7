package dev.tributary.adapter.sap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One OData call as the mapping decides it: method, path under the base URL (query included),
 * the headers that belong to the call itself ({@code If-Match}, a CSRF fetch) and the JSON body.
 * Authorization, the CSRF token and the session cookie are added by {@link ODataSession}.
 */
record SapRequest(String method, String path, Map<String, String> headers, JsonNode body) {

    SapRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    boolean isWrite() {
        return !method.equals("GET");
    }

    /** {@code {"method", "path", "headers"?, "body"?}}, as the golden cases hold it. */
    JsonNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("method", method).put("path", path);
        if (!headers.isEmpty()) {
            ObjectNode names = node.putObject("headers");
            headers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(h -> names.put(h.getKey(), h.getValue()));
        }
        if (body != null) {
            node.set("body", body);
        }
        return node;
    }
}
