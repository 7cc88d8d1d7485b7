package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The login-session alternative to signing: {@code LoginByAppSecret} once, then its session cookie on
 * every call. The cookie is shared by all threads; a login happens at most once at a time, and a
 * session Kingdee reports lost is dropped only by the first thread that saw it (the others already
 * hold the new one).
 */
final class KingdeeSession {

    static final String LOGIN_PATH = "/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret.common.kdsvc";
    /** LoginResultType of a successful login (others: wrong credentials, locked user, licence …). */
    private static final int LOGGED_IN = 1;

    /** A login Kingdee refused: its message, for a permanent configuration outcome. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final KingdeeSettings settings;
    private final ObjectMapper json;
    private volatile String cookie;

    KingdeeSession(KingdeeSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** The current session cookie, logging in first when there is none. */
    String cookie(TargetHttp http, String loginUrl) throws IOException, Refused {
        String current = cookie;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (cookie == null) {
                cookie = login(http, loginUrl);
            }
            return cookie;
        }
    }

    /** Drops {@code stale} if it is still the current session, so the next call logs in again. */
    synchronized void lost(String stale) {
        if (stale != null && stale.equals(cookie)) {
            cookie = null;
        }
    }

    private String login(TargetHttp http, String loginUrl) throws IOException, Refused {
        ObjectNode body = json.createObjectNode();
        body.putArray("parameters").add(settings.acctId()).add(settings.username()).add(settings.appId())
                .add(settings.appSecret()).add(settings.lcid());
        TargetHttp.Response answer = http.send("POST", loginUrl, Map.of("Content-Type", "application/json"),
                json.writeValueAsBytes(body));
        JsonNode result;
        try {
            result = json.readTree(answer.body());
        } catch (IOException notJson) {
            throw new IOException("Kingdee LoginByAppSecret answered HTTP " + answer.status() + " without JSON");
        }
        if (!answer.isSuccess() || result == null || result.path("LoginResultType").asInt(0) != LOGGED_IN) {
            throw new Refused("LoginByAppSecret refused (LoginResultType " + (result == null ? "?" : result.path(
                    "LoginResultType").asText()) + "): " + (result == null ? "" : result.path("Message").asText("")));
        }
        List<String> cookies = new ArrayList<>();
        for (String header : answer.headers("Set-Cookie")) {
            cookies.add(header.split(";", 2)[0].strip());
        }
        if (cookies.isEmpty() && result.hasNonNull("KDSVCSessionId")) {
            cookies.add("kdservice-sessionid=" + result.path("KDSVCSessionId").asText());
        }
        return cookies.stream().collect(Collectors.joining("; "));
    }
}
