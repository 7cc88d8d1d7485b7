package dev.tributary.adapter.sap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tributary.json.HubJson;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in SAP S/4HANA on 127.0.0.1 (WireMock) for demo mode, the benchmark sink and tests:
 * {@code API_BUSINESS_PARTNER} and {@code API_SALES_ORDER_SRV} at their default paths, basic auth
 * required (any user), CSRF tokens fetched with a session cookie and checked on every write
 * ({@code 403 x-csrf-token: Required} otherwise), business partners and sales orders stored by their
 * keys, {@code $filter=<field> eq '<value>'} lookups, deep inserts ({@code 201 {"d": …}}), PATCH
 * ({@code 204}), counts of creates and updates, and injected failures in SAP's error shape.
 *
 * <pre>
 * new SimulatedSap(port)                          start (0: any free port); baseUrl(), close()
 * creates(entitySet), updates(entitySet)          "A_BusinessPartner" / "A_SalesOrder" counts
 * businessPartner(globalCustomerId), salesOrder(purchaseOrderByCustomer)   stored records (copies)
 * failNext(n, status, code, message), failCustomer(globalCustomerId, status, code, message), clearFailures()
 * expireCsrfTokens(), csrfFetches()               as SAP does when a session times out
 * </pre>
 */
public class SimulatedSap implements AutoCloseable {

    public static final String BUSINESS_PARTNERS = SapPaths.BUSINESS_PARTNERS;
    public static final String SALES_ORDERS = SapPaths.SALES_ORDERS;

    private static final String TRANSFORMER = "sap-simulator";
    private static final String SERVICES = "/sap/opu/odata/sap/";
    private static final String BP_SERVICE = SERVICES + "API_BUSINESS_PARTNER";
    private static final String SO_SERVICE = SERVICES + "API_SALES_ORDER_SRV";
    private static final String SESSION_COOKIE = "SAP_SESSIONID_SIM_100";
    private static final Pattern KEY = Pattern.compile("^/(A_\\w+)\\('([^']*)'\\)$");
    private static final Pattern FILTER = Pattern.compile("^(\\w+) eq '((?:[^']|'')*)'$");

    private final ObjectMapper json = HubJson.create();
    private final WireMockServer server;
    /** Entity set → key → record; guarded by {@code this}, like every field below. */
    private final Map<String, Map<String, ObjectNode>> records = new HashMap<>();
    private final Map<String, Integer> creates = new HashMap<>();
    private final Map<String, Integer> updates = new HashMap<>();
    /** Valid CSRF token → the session cookie value it belongs to. */
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Failure> customerFailures = new HashMap<>();
    private final AtomicInteger csrfFetches = new AtomicInteger();
    private int failNext;
    private Failure nextFailure;
    private long nextPartner = 17100001;
    private long nextOrder = 1;

    private record Failure(int status, String code, String message) {
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Starts on {@code port} of 127.0.0.1 (0: any free port). */
    public SimulatedSap(int port) {
        server = new WireMockServer((port == 0 ? options().dynamicPort() : options().port(port)).bindAddress("127.0.0.1")
                .extensions(new Answers()));
        server.start();
        server.stubFor(any(urlPathMatching(SERVICES + ".*")).atPriority(10)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server, for stubs that answer before the simulator (delays, odd answers). */
    public WireMockServer server() {
        return server;
    }

    /** How many {@code entitySet} records were created (POST) since the start. */
    public synchronized int creates(String entitySet) {
        return creates.getOrDefault(entitySet, 0);
    }

    /** How many PATCHes {@code entitySet} records took since the start. */
    public synchronized int updates(String entitySet) {
        return updates.getOrDefault(entitySet, 0);
    }

    /** The business partner whose BusinessPartnerIDByExtSystem is {@code globalCustomerId}, or null. */
    public synchronized ObjectNode businessPartner(String globalCustomerId) {
        return copy(find(BUSINESS_PARTNERS, SapPaths.CUSTOMER_ID_FIELD, globalCustomerId));
    }

    /** The sales order whose PurchaseOrderByCustomer is {@code purchaseOrder}, or null. */
    public synchronized ObjectNode salesOrder(String purchaseOrder) {
        return copy(find(SALES_ORDERS, SapPaths.ORDER_ID_FIELD, purchaseOrder));
    }

    /** The next {@code calls} calls (lookups and writes; not CSRF fetches) fail with this OData error. */
    public synchronized void failNext(int calls, int status, String code, String message) {
        failNext = calls;
        nextFailure = new Failure(status, code, message);
    }

    /** Every write of this customer's business partner, or of a sales order sold to it, fails so. */
    public synchronized void failCustomer(String globalCustomerId, int status, String code, String message) {
        customerFailures.put(globalCustomerId, new Failure(status, code, message));
    }

    public synchronized void clearFailures() {
        failNext = 0;
        customerFailures.clear();
    }

    /** Forgets every CSRF token, as SAP does when the security session times out. */
    public synchronized void expireCsrfTokens() {
        tokens.clear();
    }

    /** How many CSRF tokens were fetched. */
    public int csrfFetches() {
        return csrfFetches.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized Answer answer(Request request) {
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Map<String, String> query = query(url);
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server\""),
                    "<html><body>Logon failed</body></html>");
        }
        String service = path.startsWith(BP_SERVICE + "/") || path.equals(BP_SERVICE) ? BP_SERVICE
                : path.startsWith(SO_SERVICE + "/") || path.equals(SO_SERVICE) ? SO_SERVICE : null;
        if (service == null) {
            return error(404, "/IWFND/MED/170", "No service found for namespace '', name '" + path + "', version '0001'", null);
        }
        String resource = path.substring(service.length());
        String method = request.getMethod().getName();
        if (method.equals("GET") && "fetch".equalsIgnoreCase(request.getHeader(ODataSession.CSRF_HEADER))) {
            return csrf();
        }
        if (!method.equals("GET") && !csrfValid(request)) {
            return new Answer(403, Map.of(ODataSession.CSRF_HEADER, "Required", "Content-Type", "text/plain"),
                    "CSRF token validation failed");
        }
        if (failNext > 0) {
            failNext--;
            return error(nextFailure);
        }
        try {
            return switch (method) {
                case "GET" -> lookup(resource, query);
                case "POST" -> create(resource, (ObjectNode) json.readTree(request.getBodyAsString()));
                case "PATCH", "MERGE" -> update(resource, (ObjectNode) json.readTree(request.getBodyAsString()));
                default -> error(405, "SIM/405", "Method " + method + " is not supported", null);
            };
        } catch (IOException | ClassCastException e) {
            return error(400, "/IWBEP/CX_MGW_TECH_EXCEPTION", "The Data Services Request could not be understood due to malformed syntax",
                    null);
        }
    }

    private Answer csrf() {
        int n = csrfFetches.incrementAndGet();
        String token = "sim-csrf-" + n;
        String session = "sim-session-" + n;
        tokens.put(token, session);
        ObjectNode document = json.createObjectNode();
        document.putObject("d").putArray("EntitySets").add(BUSINESS_PARTNERS).add(SALES_ORDERS);
        return new Answer(200, Map.of(ODataSession.CSRF_HEADER, token, "Set-Cookie",
                SESSION_COOKIE + "=" + session + "; path=/; HttpOnly", "Content-Type", "application/json"), document.toString());
    }

    /** An XSRF check compares the header with the session cookie the token was issued in. */
    private boolean csrfValid(Request request) {
        String session = tokens.get(request.getHeader(ODataSession.CSRF_HEADER));
        String cookie = request.getHeader("Cookie");
        return session != null && cookie != null && cookie.contains(SESSION_COOKIE + "=" + session);
    }

    private Answer lookup(String resource, Map<String, String> query) {
        String set = resource.startsWith("/") ? resource.substring(1) : resource;
        if (set.isEmpty() || set.equals("$metadata")) {
            return new Answer(200, Map.of("Content-Type", "application/json"), "{\"d\":{\"EntitySets\":[]}}");
        }
        Matcher filter = FILTER.matcher(query.getOrDefault("$filter", ""));
        if (!records.containsKey(set) && !set.equals(BUSINESS_PARTNERS) && !set.equals(SALES_ORDERS)) {
            return error(404, "/IWBEP/CX_MGW_BUSI_EXCEPTION", "Resource not found for segment '" + set + "'", null);
        }
        if (!filter.matches()) {
            return error(400, "/IWBEP/CX_MGW_TECH_EXCEPTION", "Only $filter=<field> eq '<value>' is simulated", null);
        }
        String value = filter.group(2).replace("''", "'");
        ArrayNode results = json.createArrayNode();
        records.getOrDefault(set, Map.of()).values().stream().filter(r -> value.equals(r.path(filter.group(1)).asText(null)))
                .forEach(r -> results.add(select(r, query.get("$select"))));
        ObjectNode answer = json.createObjectNode();
        answer.putObject("d").set("results", results);
        return new Answer(200, Map.of("Content-Type", "application/json"), answer.toString());
    }

    private Answer create(String resource, ObjectNode body) {
        String set = resource.substring(1);
        Failure failure = customerFailure(set, body);
        if (failure != null) {
            return error(failure);
        }
        String key;
        if (set.equals(BUSINESS_PARTNERS)) {
            if (body.path("OrganizationBPName1").asText("").isBlank()) {
                return error(400, "SIM/001", "Enter a name for the organization", "OrganizationBPName1");
            }
            key = String.valueOf(nextPartner++);
            body.put("BusinessPartner", key).put("BusinessPartnerIsBlocked", false);
        } else if (set.equals(SALES_ORDERS)) {
            ObjectNode soldTo = records.getOrDefault(BUSINESS_PARTNERS, Map.of()).get(body.path("SoldToParty").asText());
            if (soldTo == null) {
                return error(400, "SIM/002", "Sold-to party " + body.path("SoldToParty").asText() + " does not exist",
                        "SoldToParty");
            }
            if (soldTo.path("BusinessPartnerIsBlocked").asBoolean()) {
                return error(400, "SIM/003", "Sold-to party " + soldTo.path("BusinessPartner").asText() + " is blocked",
                        "SoldToParty");
            }
            key = String.valueOf(nextOrder++);
            body.put("SalesOrder", key);
        } else {
            return error(404, "/IWBEP/CX_MGW_BUSI_EXCEPTION", "Resource not found for segment '" + set + "'", null);
        }
        records.computeIfAbsent(set, s -> new LinkedHashMap<>()).put(key, body);
        creates.merge(set, 1, Integer::sum);
        ObjectNode answer = json.createObjectNode();
        ObjectNode d = answer.putObject("d");
        body.fields().forEachRemaining(field -> d.set(field.getKey(), field.getValue().isArray()
                ? json.createObjectNode().set("results", field.getValue()) : field.getValue()));
        return new Answer(201, Map.of("Content-Type", "application/json", "Location", resource + "('" + key + "')"),
                answer.toString());
    }

    private Answer update(String resource, ObjectNode body) {
        Matcher key = KEY.matcher(resource);
        ObjectNode stored = key.matches() ? records.getOrDefault(key.group(1), Map.of()).get(key.group(2)) : null;
        if (stored == null) {
            return error(404, "/IWBEP/CX_MGW_BUSI_EXCEPTION", "Resource not found for segment '" + resource + "'", null);
        }
        Failure failure = customerFailure(key.group(1), stored);
        if (failure != null) {
            return error(failure);
        }
        stored.setAll(body);
        updates.merge(key.group(1), 1, Integer::sum);
        return new Answer(204, Map.of(), "");
    }

    /** The failure set for the customer a business partner or a sales order belongs to. */
    private Failure customerFailure(String set, JsonNode record) {
        if (customerFailures.isEmpty()) {
            return null;
        }
        String customer = set.equals(BUSINESS_PARTNERS) ? record.path(SapPaths.CUSTOMER_ID_FIELD).asText(null)
                : records.getOrDefault(BUSINESS_PARTNERS, Map.of()).getOrDefault(record.path("SoldToParty").asText(""),
                        json.createObjectNode()).path(SapPaths.CUSTOMER_ID_FIELD).asText(null);
        return customer == null ? null : customerFailures.get(customer);
    }

    private ObjectNode find(String set, String field, String value) {
        return records.getOrDefault(set, Map.of()).values().stream().filter(r -> value.equals(r.path(field).asText(null)))
                .findFirst().orElse(null);
    }

    private ObjectNode select(ObjectNode record, String select) {
        if (select == null || select.isBlank()) {
            return record.deepCopy();
        }
        ObjectNode row = json.createObjectNode();
        for (String field : select.split(",")) {
            if (record.has(field.strip())) {
                row.set(field.strip(), record.get(field.strip()));
            }
        }
        return row;
    }

    private Answer error(Failure failure) {
        return error(failure.status(), failure.code(), failure.message(), null);
    }

    /** SAP Gateway's OData V2 error: code, message, and the same as an error detail (with its target). */
    private Answer error(int status, String code, String message, String target) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode error = answer.putObject("error").put("code", code);
        error.putObject("message").put("lang", "en").put("value", message);
        ObjectNode detail = error.putObject("innererror").put("transactionid", "SIM" + System.nanoTime())
                .putArray("errordetails").addObject().put("code", code).put("message", message);
        detail.put("propertyref", "").put("severity", "error").put("target", target == null ? "" : target);
        return new Answer(status, Map.of("Content-Type", "application/json"), answer.toString());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        if (url.contains("?")) {
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static ObjectNode copy(ObjectNode record) {
        return record == null ? null : record.deepCopy();
    }

    /** Answers every call under /sap/opu/odata/sap/ from the simulator's state. */
    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Answer answer = answer(event.getRequest());
            ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(event.getResponseDefinition())
                    .withStatus(answer.status());
            answer.headers().forEach(response::withHeader);
            if (!answer.body().isEmpty()) {
                response.withBody(answer.body());
            }
            return response.build();
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
