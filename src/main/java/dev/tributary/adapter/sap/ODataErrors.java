package dev.tributary.adapter.sap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies an SAP Gateway answer that is not a success, from its status and its OData V2 error
 * ({@code error.code}, {@code error.message.value}, {@code innererror.errordetails[]}), into the
 * outcome dispatch acts on. The table with the source of each fact is in the adapter's README.
 */
final class ODataErrors {

    static final String CSRF_REFUSED = "CSRF_REFUSED";
    /** 401: the target's user or password (wrong, expired, locked); transient until an operator fixes it. */
    static final String AUTH = "AUTH";
    /** Codes of lock messages ("sales document … is currently being processed by …"); the text match covers the rest. */
    private static final Set<String> LOCK_CODES = Set.of("V1/042");
    private static final Pattern LOCK_TEXT = Pattern.compile(
            "currently being processed|is being processed by|is locked by|locked by user|already being processed",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_CODE = Pattern.compile("<code>([^<]*)</code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<message[^>]*>([^<]*)</message>");
    private static final Set<String> QUIET_SEVERITIES = Set.of("info", "success");
    private static final int MAX_EXCERPT = 300;
    private static final int MAX_DETAILS = 10;

    /** An OData error as read from the body; {@code code} may be null for a body that is not one. */
    record ODataError(String code, String message, List<String> details) {

        boolean mentionsLock() {
            return code != null && LOCK_CODES.contains(code) || message != null && LOCK_TEXT.matcher(message).find()
                    || details.stream().anyMatch(d -> LOCK_TEXT.matcher(d).find() || LOCK_CODES.stream().anyMatch(d::contains));
        }
    }

    private final ObjectMapper json;

    ODataErrors(ObjectMapper json) {
        this.json = json;
    }

    DeliveryOutcome classify(TargetHttp.Response answer, Instant now) {
        int status = answer.status();
        ODataError error = read(answer);
        String code = error.code() == null ? "HTTP " + status : error.code();
        String reason = reason(status, error);
        if (status == 401) {
            // a rotated or expired password, a locked user: every call fails alike until an operator fixes the
            // target's user; transient, so that the events wait (the target's breaker opens) instead of dead-lettering
            return DeliveryOutcome.retryLater(status, AUTH, "SAP refused the target's user and password (HTTP 401: wrong "
                    + "or expired password, or a locked user); the events wait until the target's user and password "
                    + "are fixed; " + reason, null);
        }
        if (status == 403 && csrfRequired(answer)) {
            return DeliveryOutcome.retryLater(status, CSRF_REFUSED, "SAP refused a fresh CSRF token (HTTP 403, "
                    + "x-csrf-token: Required) after one refresh; a load balancer without session stickiness does this", null);
        }
        if (status == 409 || status == 423 || status == 412 || error.mentionsLock() && status < 500) {
            return DeliveryOutcome.retryLater(status, code, reason, answer.retryAfter(now));
        }
        if (status >= 300 && status < 400) {
            return DeliveryOutcome.permanent(status, code, "SAP redirected the call (HTTP " + status + ", to "
                    + answer.header("Location") + "), as it does to a logon page: check the target's user and base URL");
        }
        return TargetHttp.byStatus(answer, code, reason, now);
    }

    /** A 403 that asks for a (new) CSRF token. */
    static boolean csrfRequired(TargetHttp.Response answer) {
        return answer.status() == 403 && "required".equalsIgnoreCase(String.valueOf(answer.header(ODataSession.CSRF_HEADER)).strip());
    }

    /** {@code SAP answered HTTP 400: message; target: code message; …} (the code is the outcome's own field). */
    private static String reason(int status, ODataError error) {
        StringBuilder reason = new StringBuilder("SAP answered HTTP ").append(status);
        if (error.message() != null && !error.message().isBlank()) {
            reason.append(": ").append(error.message());
        }
        error.details().forEach(detail -> reason.append("; ").append(detail));
        return reason.toString();
    }

    ODataError read(TargetHttp.Response answer) {
        String text = answer.text();
        if (text.isBlank()) {
            return new ODataError(null, null, List.of());
        }
        try {
            JsonNode error = json.readTree(text).path("error");
            if (error.isObject()) {
                String code = error.path("code").asText(null);
                JsonNode message = error.path("message");
                String value = message.isObject() ? message.path("value").asText(null) : message.asText(null);
                return new ODataError(code, value, details(error.path("innererror").path("errordetails"), value));
            }
        } catch (IOException notJson) {
            Matcher code = XML_CODE.matcher(text);
            Matcher message = XML_MESSAGE.matcher(text);
            if (code.find()) {
                return new ODataError(code.group(1).strip(), message.find() ? message.group(1).strip() : null, List.of());
            }
        }
        return new ODataError(null, TargetHttp.excerpt(text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " "), MAX_EXCERPT),
                List.of());
    }

    /** Each error detail as {@code target: code message}, leaving out the main message again and info/success ones. */
    private static List<String> details(JsonNode errordetails, String main) {
        List<String> details = new ArrayList<>();
        for (JsonNode detail : errordetails) {
            String message = detail.path("message").asText("");
            String severity = detail.path("severity").asText("").toLowerCase(Locale.ROOT);
            if (QUIET_SEVERITIES.contains(severity) || message.equals(main) && detail.path("target").asText("").isEmpty()) {
                continue;
            }
            String target = detail.path("target").asText("");
            String code = detail.path("code").asText("");
            details.add((target.isEmpty() ? "" : target + ": ") + (code.isEmpty() ? "" : code + " ") + message);
            if (details.size() == MAX_DETAILS) {
                break;
            }
        }
        return details;
    }
}
