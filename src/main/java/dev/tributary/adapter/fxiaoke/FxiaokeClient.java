package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls Fxiaoke's open API for one source: the corp access token ({@code /cgi/corpAccessToken/get/V2},
 * cached by {@link CorpTokens}) and the query ({@code /cgi/crm/v2/data/query}). An invalid-token
 * errorCode fetches a new token and asks once more; transient failures back off ({@link Backoff}).
 */
class FxiaokeClient {

    static final String TOKEN_PATH = "/cgi/corpAccessToken/get/V2";
    static final String QUERY_PATH = "/cgi/crm/v2/data/query";

    private final FxiaokeSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final CorpTokens tokens;
    private final Backoff backoff;

    FxiaokeClient(FxiaokeSettings settings, ObjectMapper json, Clock clock, Runnable onRetry) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout()).build();
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), settings.backoffRetries(), onRetry);
        this.tokens = new CorpTokens(() -> backoff.call(this::fetchToken), settings.tokenRefreshMargin(), clock);
    }

    /** One page of {@code object} for {@code search}; errorCode ≠ 0 after the token retry throws. */
    QueryAnswer query(String object, QueryRequest.SearchQueryInfo search) {
        CorpTokens.Token token = tokens.current();
        QueryAnswer answer = backoff.call(() -> ask(object, search, token));
        if (answer.errorCode() != null && settings.invalidTokenCodes().contains(answer.errorCode())) {
            tokens.invalidate(token);
            CorpTokens.Token fresh = tokens.current();
            answer = backoff.call(() -> ask(object, search, fresh));
        }
        if (answer.errorCode() == null || answer.errorCode() != 0) {
            throw new FxiaokeException(FxiaokeException.describe(object + " query", answer.errorCode(),
                    answer.errorMessage()), answer.errorCode(), false, null);
        }
        return answer;
    }

    private QueryAnswer ask(String object, QueryRequest.SearchQueryInfo search, CorpTokens.Token token) {
        String corpId = settings.corpId() == null || settings.corpId().isBlank() ? token.corpId() : settings.corpId();
        QueryRequest request = new QueryRequest(token.value(), corpId, settings.currentOpenUserId(),
                new QueryRequest.Data(object, search));
        QueryAnswer answer = post(QUERY_PATH, request, QueryAnswer.class, object + " query");
        if (answer.errorCode() != null && settings.rateLimitCodes().contains(answer.errorCode())) {
            throw new FxiaokeException(FxiaokeException.describe(object + " query", answer.errorCode(),
                    answer.errorMessage()), answer.errorCode(), true, null);
        }
        return answer;
    }

    private TokenAnswer fetchToken() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("appId", settings.appId());
        body.put("appSecret", settings.appSecret());
        body.put("permanentCode", settings.permanentCode());
        TokenAnswer answer = post(TOKEN_PATH, body, TokenAnswer.class, "token");
        if (answer.errorCode() == null || answer.errorCode() != 0 || answer.corpAccessToken() == null) {
            boolean rateLimited = answer.errorCode() != null && settings.rateLimitCodes().contains(answer.errorCode());
            throw new FxiaokeException(FxiaokeException.describe("token request", answer.errorCode(),
                    answer.errorMessage()), answer.errorCode(), rateLimited, null);
        }
        return answer;
    }

    private <T> T post(String path, Object body, Class<T> type, String call) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                    .timeout(settings.responseTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Fxiaoke request always serialises", e);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new FxiaokeException("Fxiaoke did not answer the " + call + " in time", null, true, e);
        } catch (IOException e) {
            throw new FxiaokeException("Fxiaoke could not be reached for the " + call + ": " + e, null, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FxiaokeException("interrupted while calling Fxiaoke", null, false, e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new FxiaokeException("Fxiaoke answered the " + call + " with HTTP " + status, null, true, null);
        }
        if (status / 100 != 2) {
            throw new FxiaokeException("Fxiaoke answered the " + call + " with HTTP " + status, null, false, null);
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new FxiaokeException("Fxiaoke's answer to the " + call + " is not the expected JSON", null, false, e);
        }
    }

    static List<QueryRequest.Order> ascending(String... fields) {
        return java.util.Arrays.stream(fields).map(f -> new QueryRequest.Order(f, true)).toList();
    }
}
