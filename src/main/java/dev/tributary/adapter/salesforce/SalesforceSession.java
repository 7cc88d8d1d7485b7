package dev.tributary.adapter.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 client-credentials session of one target: one access token shared by every thread,
 * fetched when first needed and again only when Salesforce calls it expired, at most once at a
 * time (the threads that saw the same expired token all get the one new token).
 */
final class SalesforceSession {

    private static final Logger log = LoggerFactory.getLogger(SalesforceSession.class);

    /** An access token and the instance URL the API calls go to. */
    record Token(String accessToken, String instanceUrl) {
    }

    private final TargetHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final String tokenUrl;
    private final String defaultInstanceUrl;
    private final byte[] form;
    private final Object refreshing = new Object();
    private volatile Token current;

    SalesforceSession(TargetHttp http, ObjectMapper json, Clock clock, String tokenUrl, String defaultInstanceUrl,
            String clientId, String clientSecret) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.tokenUrl = tokenUrl;
        this.defaultInstanceUrl = defaultInstanceUrl;
        this.form = ("grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret)).getBytes(StandardCharsets.UTF_8);
    }

    /** The current token, fetched if there is none yet. */
    Token token() throws DeliveryStopped {
        Token token = current;
        return token != null ? token : renew(null);
    }

    /**
     * A new token in place of {@code expired}; when another thread has already replaced it, that
     * thread's token, so that one expiry costs one call to the token endpoint.
     */
    Token renew(Token expired) throws DeliveryStopped {
        synchronized (refreshing) {
            Token token = current;
            if (token != null && token != expired) {
                return token;
            }
            current = null;
            current = fetch();
            return current;
        }
    }

    private Token fetch() throws DeliveryStopped {
        TargetHttp.Response answer;
        try {
            answer = http.send("POST", tokenUrl, Map.of("Content-Type", "application/x-www-form-urlencoded",
                    "Accept", "application/json"), form);
        } catch (IOException e) {
            DeliveryOutcome noAnswer = TargetHttp.noAnswer(e);
            throw new DeliveryStopped(DeliveryOutcome.retryLater(null, null, "token endpoint: " + noAnswer.reason(), null));
        }
        JsonNode body = read(answer.body());
        if (answer.isSuccess() && body.hasNonNull("access_token")) {
            String instance = body.path("instance_url").asText("");
            log.info("Salesforce token issued (token endpoint {}, instance {})", tokenUrl,
                    instance.isBlank() ? defaultInstanceUrl : instance);
            return new Token(body.get("access_token").asText(), instance.isBlank() ? defaultInstanceUrl : instance);
        }
        String error = body.path("error").asText("");
        String description = body.path("error_description").asText("");
        String code = error.isBlank() ? "HTTP " + answer.status() : error;
        String reason = "the token endpoint answered HTTP " + answer.status()
                + (error.isBlank() ? "" : ": " + error + (description.isBlank() ? "" : " (" + description + ")"));
        log.warn("Salesforce token endpoint {} answered HTTP {} {}", tokenUrl, answer.status(), code);
        if (answer.status() == 429 || answer.status() >= 500) {
            throw new DeliveryStopped(DeliveryOutcome.retryLater(answer.status(), code, reason,
                    answer.retryAfter(clock.instant())));
        }
        // invalid_client, invalid_grant, unsupported_grant_type: the target's credentials or the
        // connected app must be fixed (a rotated or revoked secret). Not the events' fault: they
        // wait (every event of the delivery transient, so the target's breaker opens) until an
        // operator fixes the secret, instead of all traffic being dead-lettered
        throw new DeliveryStopped(DeliveryOutcome.retryLater(answer.status(),
                "AUTH_" + (error.isBlank() ? "HTTP_" + answer.status() : error),
                reason + "; check the target's client-id, client-secret and connected app", null));
    }

    private JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
