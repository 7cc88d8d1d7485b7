package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/** Reads a request's {@code data}, sent as a JSON object or, the SDK way, as a JSON string. */
final class KingdeeData {

    private KingdeeData() {
    }

    static JsonNode of(JsonNode body, ObjectMapper json) {
        JsonNode data = body.path("data");
        if (data.isTextual()) {
            try {
                return json.readTree(data.asText());
            } catch (IOException notJson) {
                return MissingNode.getInstance();
            }
        }
        return data;
    }
}
