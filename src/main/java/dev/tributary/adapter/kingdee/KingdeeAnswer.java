package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A K3Cloud answer as read: its {@code ResponseStatus} wherever the variant puts it
 * ({@code Result.ResponseStatus}, {@code Result.Result.ResponseStatus}, top level, or any of these as a
 * JSON string), {@code IsSuccess} as a boolean or the string "true"/"false", and for a query the
 * SDK's array of rows.
 *
 * @param httpStatus the HTTP status
 * @param readable   whether the body was JSON at all
 * @param status     the response status, or null when the answer carries none (a query's rows)
 * @param rows       a query's rows (arrays of the FieldKeys' values), empty otherwise
 * @param text       the body as text, for a reason when nothing else can be read
 * @param retryAfter the answer's Retry-After, or null
 */
record KingdeeAnswer(int httpStatus, boolean readable, Status status, List<JsonNode> rows, String text,
        Duration retryAfter) {

    /** One entry of {@code Errors}: the field (may be empty), the message and the record index. */
    record Error(String field, String message, int index) {

        String describe() {
            return field == null || field.isBlank() ? message : field + ": " + message;
        }
    }

    /**
     * A {@code ResponseStatus}.
     *
     * @param success      IsSuccess
     * @param errorCode    ErrorCode as text ("" when absent)
     * @param msgCode      MsgCode (0 when absent or unreadable)
     * @param errors       Errors
     * @param successIndexes DIndex of every SuccessEntitys entry
     */
    record Status(boolean success, String errorCode, int msgCode, List<Error> errors, Set<Integer> successIndexes) {
    }

    /** Whether the call as a whole succeeded: 2xx and IsSuccess, or a query that answered rows. */
    boolean succeeded() {
        return readable && httpStatus >= 200 && httpStatus < 300 && (status == null || status.success());
    }

    /** ErrorCode of a login Kingdee refused ({@code auth-mode: session}), read as a refused signature (AUTH). */
    static final String LOGIN_REFUSED = "LOGIN_REFUSED";

    /** A login Kingdee refused (wrong or rotated credentials, locked user …): transient {@code AUTH}. */
    static KingdeeAnswer refused(String message) {
        Status status = new Status(false, LOGIN_REFUSED, 2, List.of(new Error("", message, 0)), Set.of());
        return new KingdeeAnswer(200, true, status, List.of(), message, null);
    }

    static KingdeeAnswer read(int httpStatus, String text, Duration retryAfter, ObjectMapper json) {
        JsonNode root;
        try {
            root = unwrap(json.readTree(text == null ? "" : text), json);
        } catch (IOException notJson) {
            return new KingdeeAnswer(httpStatus, false, null, List.of(), text, retryAfter);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new KingdeeAnswer(httpStatus, false, null, List.of(), text, retryAfter);
        }
        if (root.isArray()) {
            // a query answers [[v1, v2], …]; a failed query [[{"Result":{"ResponseStatus":…}}]]
            JsonNode first = root.path(0).path(0);
            if (first.isObject()) {
                return new KingdeeAnswer(httpStatus, true, status(first, json), List.of(), text, retryAfter);
            }
            List<JsonNode> rows = new ArrayList<>();
            root.forEach(rows::add);
            return new KingdeeAnswer(httpStatus, true, null, rows, text, retryAfter);
        }
        Status status = status(root, json);
        return new KingdeeAnswer(httpStatus, status != null, status, List.of(), text, retryAfter);
    }

    private static Status status(JsonNode root, ObjectMapper json) {
        JsonNode node = find(root, json, 0);
        if (node == null) {
            return null;
        }
        List<Error> errors = new ArrayList<>();
        for (JsonNode e : node.path("Errors")) {
            if (e.isObject()) {
                errors.add(new Error(e.path("FieldName").asText(""), e.path("Message").asText(""),
                        e.path("DIndex").asInt(0)));
            } else if (e.isTextual()) {
                errors.add(new Error("", e.asText(), 0));
            }
        }
        Set<Integer> successes = new HashSet<>();
        for (JsonNode s : node.path("SuccessEntitys")) {
            successes.add(s.path("DIndex").asInt(0));
        }
        JsonNode code = node.path("MsgCode");
        int msgCode = code.isNumber() ? code.asInt() : code.asText("").matches("-?\\d+") ? Integer.parseInt(code.asText()) : 0;
        return new Status(bool(node.path("IsSuccess")), node.path("ErrorCode").asText(""), msgCode, errors, successes);
    }

    /** The ResponseStatus object: under Result (possibly nested twice), at the top, or inside JSON text. */
    private static JsonNode find(JsonNode node, ObjectMapper json, int depth) {
        JsonNode value = unwrap(node, json);
        if (value == null || !value.isObject() || depth > 3) {
            return null;
        }
        JsonNode status = unwrap(value.get("ResponseStatus"), json);
        if (status != null && status.isObject()) {
            return status;
        }
        return find(value.get("Result"), json, depth + 1);
    }

    /** A node that is JSON text (the SDK way) parsed; others as they are. */
    private static JsonNode unwrap(JsonNode node, ObjectMapper json) {
        if (node != null && node.isTextual()) {
            String text = node.asText().strip();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return json.readTree(text);
                } catch (IOException notJson) {
                    return node;
                }
            }
        }
        return node;
    }

    static boolean bool(JsonNode node) {
        return node.isBoolean() ? node.asBoolean() : "true".equalsIgnoreCase(node.asText("").strip());
    }
}
