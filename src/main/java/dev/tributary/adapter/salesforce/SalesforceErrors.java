package dev.tributary.adapter.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads Salesforce's answers into outcomes: a whole call's status and error body, and each
 * record's {@code success}/{@code errors} in a Collections answer. The table of error classes is
 * in {@code adapters/salesforce/README.md}.
 */
final class SalesforceErrors {

    /** Record error codes that pass by themselves (a lock held by another transaction, a limit). */
    static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED",
            "SERVER_UNAVAILABLE");

    static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";

    /** The longest part of an answer quoted in a reason. */
    private static final int MAX_QUOTED = 500;

    private final ObjectMapper json;

    SalesforceErrors(ObjectMapper json) {
        this.json = json;
    }

    /** Whether the call was refused for its token: fetch a new one and repeat the call once. */
    boolean sessionExpired(TargetHttp.Response answer) {
        if (answer.status() == 401) {
            return true;
        }
        if (answer.isSuccess()) {
            // a Collections answer's record errors carry statusCode, never a session error
            return false;
        }
        for (JsonNode error : errors(read(answer))) {
            if (INVALID_SESSION_ID.equals(error.path("errorCode").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outcome of each record of a call that was not answered 200; {@code operation} names the
     * call ({@code Order upsert}, {@code Order query}).
     */
    DeliveryOutcome call(String operation, TargetHttp.Response answer, Instant now) {
        int status = answer.status();
        JsonNode body = read(answer);
        String what = "Salesforce answered HTTP " + status + " to the " + operation;
        if (status == 300) {
            // the external id matched several records; the answer lists their URLs
            List<String> urls = new ArrayList<>();
            (body.isArray() ? body : body.path("records")).forEach(u -> urls.add(u.isTextual() ? u.asText() : u.toString()));
            return DeliveryOutcome.permanent(status, "MULTIPLE_CHOICES", what + ": the external id matches several records"
                    + (urls.isEmpty() ? "" : ": " + String.join(", ", urls)));
        }
        List<JsonNode> errors = errors(body);
        String code = errors.isEmpty() ? "HTTP " + status : errors.get(0).path("errorCode").asText("HTTP " + status);
        String reason = what + (errors.isEmpty() ? quoted(answer) : ": " + describe(errors, "errorCode"));
        if (status == 401) {
            // still refused with a token fetched a moment ago: Salesforce's session service may be
            // failing; the token endpoint's own refusals are classified by SalesforceSession
            return DeliveryOutcome.retryLater(status, code, reason + " (with a new token too)", answer.retryAfter(now));
        }
        if (TRANSIENT_CODES.contains(code)) {
            return DeliveryOutcome.retryLater(status, code, reason, answer.retryAfter(now));
        }
        return TargetHttp.byStatus(answer, code, reason, now);
    }

    /** The outcome of one record from its entry in a Collections answer. */
    DeliveryOutcome record(SalesforceMapping.SObjectRecord record, JsonNode result, Duration retryAfter) {
        if (result == null || result.isMissingNode()) {
            return DeliveryOutcome.retryLater(200, "NO_RESULT", record.label()
                    + ": Salesforce's answer has no result for this record", retryAfter);
        }
        if (result.path("success").asBoolean(false)) {
            return DeliveryOutcome.delivered();
        }
        List<JsonNode> errors = new ArrayList<>();
        result.path("errors").forEach(errors::add);
        if (errors.isEmpty()) {
            return DeliveryOutcome.permanent(200, "UNKNOWN_ERROR", record.label() + ": not written, no error given");
        }
        String code = errors.get(0).path("statusCode").asText("UNKNOWN_ERROR");
        String reason = record.label() + ": " + describe(errors, "statusCode");
        boolean passes = errors.stream().allMatch(e -> TRANSIENT_CODES.contains(e.path("statusCode").asText()));
        return passes ? DeliveryOutcome.retryLater(200, code, reason, retryAfter)
                : DeliveryOutcome.permanent(200, code, reason);
    }

    /** {@code CODE: message (fields: A, B); …}, every error of a record or call. */
    private static String describe(List<JsonNode> errors, String codeField) {
        List<String> parts = new ArrayList<>();
        for (JsonNode error : errors) {
            List<String> fields = new ArrayList<>();
            error.path("fields").forEach(f -> fields.add(f.asText()));
            String code = error.path(codeField).asText("");
            String message = error.path("message").asText("");
            parts.add((code.isBlank() ? "" : code + ": ") + message
                    + (fields.isEmpty() ? "" : " (fields: " + String.join(", ", fields) + ")"));
        }
        return String.join("; ", parts);
    }

    /** The error entries of a call's answer: {@code [{errorCode, message, fields}]} or one such object. */
    private static List<JsonNode> errors(JsonNode body) {
        List<JsonNode> errors = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(e -> {
                if (e.isObject() && e.has("errorCode")) {
                    errors.add(e);
                }
            });
        } else if (body.isObject() && body.has("errorCode")) {
            errors.add(body);
        }
        return errors;
    }

    JsonNode read(TargetHttp.Response answer) {
        try {
            return answer.body().length == 0 ? json.missingNode() : json.readTree(answer.body());
        } catch (IOException notJson) {
            return json.missingNode();
        }
    }

    private static String quoted(TargetHttp.Response answer) {
        String text = TargetHttp.excerpt(answer.text(), MAX_QUOTED);
        return text.isEmpty() ? "" : ": " + text;
    }
}
