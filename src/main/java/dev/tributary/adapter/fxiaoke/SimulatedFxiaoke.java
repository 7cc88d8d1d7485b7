package dev.tributary.adapter.fxiaoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in 纷享销客 on 127.0.0.1 (WireMock) for demo mode and tests: issues corp access tokens
 * (answering errorCode 20016 for one it does not know), and answers queries from the objects put
 * into it, honouring the {@code GTE}/{@code GT}/{@code EQ}/{@code IN} filters, the orders, the
 * offset and the limit. Stubs added with a higher priority (faults) answer before it.
 */
public class SimulatedFxiaoke implements AutoCloseable {

    private static final String TRANSFORMER = "fxiaoke-simulator";

    private final ObjectMapper json = FxiaokeMapping.objectMapper();
    private final Map<String, Map<String, ObjectNode>> objects = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile long expiresIn = 7200;
    private final WireMockServer server;

    /** Starts on {@code port} of 127.0.0.1 (0: any free port). */
    public SimulatedFxiaoke(int port) {
        server = new WireMockServer((port == 0 ? options().dynamicPort() : options().port(port)).bindAddress("127.0.0.1")
                .extensions(new Answers()));
        server.start();
        server.stubFor(post(urlPathEqualTo(FxiaokeClient.TOKEN_PATH)).atPriority(10)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(post(urlPathEqualTo(FxiaokeClient.QUERY_PATH)).atPriority(10)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server, for stubs that answer before the simulator (faults, delays). */
    public WireMockServer server() {
        return server;
    }

    /** Makes every query answer {@code millis} late (a slow Fxiaoke), or on time again with 0. */
    public void delayQueries(int millis) {
        server.stubFor(post(urlPathEqualTo(FxiaokeClient.QUERY_PATH)).atPriority(10)
                .willReturn(aResponse().withTransformers(TRANSFORMER).withFixedDelay(millis)));
    }

    /** Adds {@code row} to {@code object}, or replaces the row with its {@code _id}. */
    public void put(String object, ObjectNode row) {
        objects.computeIfAbsent(object, o -> new ConcurrentHashMap<>()).put(row.path("_id").asText(), row.deepCopy());
    }

    /** The lifetime of tokens issued from now on, in seconds. */
    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    /** Forgets every token issued, as Fxiaoke does when one expires early. */
    public void revokeTokens() {
        validTokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private String token() {
        String token = "sim-token-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        ObjectNode answer = json.createObjectNode().put("errorCode", 0).put("errorMessage", "success")
                .put("corpAccessToken", token).put("corpId", "sim-corp").put("expiresIn", expiresIn);
        return answer.toString();
    }

    private String query(JsonNode request) {
        if (!validTokens.contains(request.path("corpAccessToken").asText())) {
            return json.createObjectNode().put("errorCode", 20016).put("errorMessage", "corpAccessToken不存在或者已经过期")
                    .toString();
        }
        JsonNode data = request.path("data");
        JsonNode search = data.path("search_query_info");
        List<ObjectNode> rows = new ArrayList<>(objects.getOrDefault(data.path("dataObjectApiName").asText(), Map.of())
                .values());
        for (JsonNode filter : search.path("filters")) {
            rows.removeIf(row -> !matches(row.path(filter.path("field_name").asText()), filter));
        }
        Comparator<ObjectNode> order = (a, b) -> 0;
        for (JsonNode o : search.path("orders")) {
            String field = o.path("fieldName").asText();
            Comparator<ObjectNode> byField = Comparator.comparing((ObjectNode r) -> r.path(field),
                    SimulatedFxiaoke::compare);
            order = order.thenComparing(o.path("isAsc").asBoolean(true) ? byField : byField.reversed());
        }
        rows.sort(order);
        int offset = search.path("offset").asInt(0);
        int limit = search.path("limit").asInt(100);
        ArrayNode list = json.createArrayNode();
        rows.stream().skip(offset).limit(limit).forEach(list::add);
        ObjectNode page = json.createObjectNode().put("total", rows.size()).put("offset", offset).put("limit", limit);
        page.set("dataList", list);
        ObjectNode answer = json.createObjectNode().put("errorCode", 0).put("errorMessage", "OK");
        answer.set("data", page);
        return answer.toString();
    }

    private static boolean matches(JsonNode value, JsonNode filter) {
        List<JsonNode> wanted = new ArrayList<>();
        filter.path("field_values").forEach(wanted::add);
        if (wanted.isEmpty()) {
            return true;
        }
        return switch (filter.path("operator").asText()) {
            case "GTE" -> compare(value, wanted.get(0)) >= 0;
            case "GT" -> compare(value, wanted.get(0)) > 0;
            case "LTE" -> compare(value, wanted.get(0)) <= 0;
            case "LT" -> compare(value, wanted.get(0)) < 0;
            case "IN" -> wanted.stream().anyMatch(w -> compare(value, w) == 0);
            default -> compare(value, wanted.get(0)) == 0;
        };
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (isNumber(a) && isNumber(b)) {
            return new java.math.BigDecimal(a.asText()).compareTo(new java.math.BigDecimal(b.asText()));
        }
        return a.asText("").compareTo(b.asText(""));
    }

    private static boolean isNumber(JsonNode n) {
        return n.isNumber() || (n.isTextual() && n.asText().matches("-?\\d+(\\.\\d+)?"));
    }

    /** Answers the token and query calls from the simulator's state. */
    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String body;
            try {
                body = event.getRequest().getUrl().startsWith(FxiaokeClient.TOKEN_PATH) ? token()
                        : query(json.readTree(event.getRequest().getBodyAsString()));
            } catch (IOException e) {
                body = json.createObjectNode().put("errorCode", 32000).put("errorMessage", "参数错误").toString();
            }
            // like() keeps what the stub itself says, such as the delay of delayQueries
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }
}
