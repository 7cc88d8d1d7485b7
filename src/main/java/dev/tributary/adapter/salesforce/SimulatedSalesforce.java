package dev.tributary.adapter.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Salesforce on 127.0.0.1 (WireMock) for demo mode, the benchmark sink and tests: a
 * client-credentials token endpoint ({@link #CLIENT_ID}/{@link #CLIENT_SECRET}) and sObject
 * Collections upserts by external id that store each record by its key (created the first time,
 * updated after), check references and required fields on create, and count creates and updates
 * per sObject. Like Salesforce it refuses create-only fields sent to an existing record
 * ({@code INVALID_FIELD_FOR_INSERT_UPDATE}: OrderItem's Order and PricebookEntry) and answers the
 * lookup query {@code SELECT <field> FROM <sObject> WHERE <field or Order.field> IN ('…', …)}. Failures are injected per record ({@link #failRecordsOf}, {@link #failRecord}), per
 * call ({@link #failNextCalls}) and by expiring the tokens ({@link #expireTokens}). The request
 * journal is off and {@link #keepKeysOnly()} stores no fields (a benchmark sends millions); count
 * calls with {@link #calls()}.
 */
public class SimulatedSalesforce implements AutoCloseable {

    public static final String CLIENT_ID = "tributary-simulator";
    public static final String CLIENT_SECRET = "simulator-secret";
    public static final String TOKEN_PATH = "/services/oauth2/token";

    private static final String TRANSFORMER = "salesforce-simulator";
    // any prefix, so that a base-url with a path (http://127.0.0.1:18081/crm) reaches it too
    private static final String TOKEN_PATHS = "(/.*)?" + TOKEN_PATH;
    private static final String UPSERT_PATH = "(/.*)?/services/data/v[0-9.]+/composite/sobjects/[A-Za-z0-9_]+/[A-Za-z0-9_]+";
    private static final String QUERY_PATH = "(/.*)?/services/data/v[0-9.]+/query/?";
    private static final Pattern LOOKUP = Pattern.compile(
            "SELECT\\s+(\\w+)\\s+FROM\\s+(\\w+)\\s+WHERE\\s+(?:(\\w+)\\.)?(\\w+)\\s+IN\\s*\\((.*)\\)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    /** Fields Salesforce takes on create only: OrderItem's OrderId and PricebookEntryId. */
    private static final Map<String, List<String>> CREATE_ONLY = Map.of("OrderItem", List.of("Order", "PricebookEntry"));
    /** Order fields an activated Order refuses (AccountId only while Draft; not back to Draft). */
    private static final List<String> DRAFT_ONLY = List.of("Account", "Status");
    private static final Map<String, String> ID_PREFIXES = Map.of("Account", "001", "Opportunity", "006",
            "Order", "801", "OrderItem", "802");
    private static final Map<String, List<String>> REQUIRED_ON_CREATE = Map.of(
            "Account", List.of("Name"),
            "Opportunity", List.of("Name", "StageName", "CloseDate"),
            "Order", List.of("Account", "EffectiveDate", "Status"),
            "OrderItem", List.of("Order", "PricebookEntry", "Quantity", "UnitPrice"));

    /** A record error to answer: the Salesforce {@code statusCode} and message. */
    private record Injected(String statusCode, String message) {
    }

    private final ObjectMapper json = HubJson.create();
    private final WireMockServer server;
    private final Map<String, Map<String, ObjectNode>> records = new HashMap<>();
    private final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> updates = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Injected> failingCustomers = new ConcurrentHashMap<>();
    private final Map<String, Injected> failingRecords = new ConcurrentHashMap<>();
    private final AtomicInteger failingCalls = new AtomicInteger();
    private volatile int failingStatus;
    private volatile Injected failingCall;
    private volatile boolean keysOnly;

    /** Starts on {@code port} of 127.0.0.1 (0: any free port). */
    public SimulatedSalesforce(int port) {
        server = new WireMockServer((port == 0 ? options().dynamicPort() : options().port(port)).bindAddress("127.0.0.1")
                .disableRequestJournal().extensions(new Answers()));
        server.start();
        server.stubFor(post(urlPathMatching(TOKEN_PATHS)).atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(patch(urlPathMatching(UPSERT_PATH)).atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(get(urlPathMatching(QUERY_PATH)).atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    /** The URL to configure as the target's {@code base-url}; it is also the token's {@code instance_url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server, for stubs that answer before the simulator (faults, delays). */
    public WireMockServer server() {
        return server;
    }

    /** Makes every token issued so far invalid: the next call is answered 401 INVALID_SESSION_ID. */
    public void expireTokens() {
        validTokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Collections upserts answered (whatever the answer). */
    public int calls() {
        return calls.get();
    }

    /** Lookup queries answered (not counted in {@link #calls()}, not failed by {@link #failNextCalls}). */
    public int queries() {
        return queries.get();
    }

    /** Activates the stored Order {@code key}, as HQ would: its Account and Status can no longer be changed. */
    public synchronized void activateOrder(String key) {
        ObjectNode order = records.getOrDefault("Order", Map.of()).get(key);
        if (order == null) {
            throw new IllegalArgumentException("no Order " + key);
        }
        order.put("Status", "Activated");
    }

    /** Records of {@code sObject} created (answered {@code created: true}). */
    public int creates(String sObject) {
        return creates.getOrDefault(sObject, new AtomicInteger()).get();
    }

    /** Records of {@code sObject} updated (answered {@code created: false}). */
    public int updates(String sObject) {
        return updates.getOrDefault(sObject, new AtomicInteger()).get();
    }

    /** A copy of the stored record of {@code sObject} with external id {@code key}, or null. */
    public synchronized ObjectNode record(String sObject, String key) {
        ObjectNode record = records.getOrDefault(sObject, Map.of()).get(key);
        return record == null ? null : record.deepCopy();
    }

    /**
     * Makes every record of one customer fail with {@code statusCode} until {@link #clearFailures()}:
     * its Account, and the Opportunities, Orders and OrderItems that reference that Account.
     */
    public void failRecordsOf(String accountKey, String statusCode, String message) {
        failingCustomers.put(accountKey, new Injected(statusCode, message));
    }

    /** Makes the record of {@code sObject} with external id {@code key} fail until {@link #clearFailures()}. */
    public void failRecord(String sObject, String key, String statusCode, String message) {
        failingRecords.put(sObject + "/" + key, new Injected(statusCode, message));
    }

    /** Answers the next {@code count} upserts with {@code status} and {@code [{errorCode, message}]}. */
    public void failNextCalls(int count, int status, String errorCode, String message) {
        failingStatus = status;
        failingCall = new Injected(errorCode, message);
        failingCalls.set(count);
    }

    /**
     * Keeps only each record's Id and references from now on, not its fields: a benchmark sink
     * upserting millions of records then needs little memory; creates and updates count the same.
     */
    public void keepKeysOnly() {
        keysOnly = true;
    }

    public void clearFailures() {
        failingCustomers.clear();
        failingRecords.clear();
        failingCalls.set(0);
    }

    @Override
    public void close() {
        server.stop();
    }

    private ResponseDefinition token(Request request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return answer(400, json.createObjectNode().put("error", "unsupported_grant_type")
                    .put("error_description", "grant type not supported"));
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return answer(400, json.createObjectNode().put("error", "invalid_client")
                    .put("error_description", "invalid client credentials"));
        }
        String token = "00DSIM!simulated-token-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        return answer(200, json.createObjectNode().put("access_token", token).put("instance_url", baseUrl())
                .put("id", baseUrl() + "/id/00DSIM/005SIM").put("token_type", "Bearer")
                .put("issued_at", String.valueOf(System.currentTimeMillis())));
    }

    /** A lookup query: the external ids of the stored records whose key (or Order's key) is listed. */
    private ResponseDefinition query(Request request) {
        queries.incrementAndGet();
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !validTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
            return answer(401, error("INVALID_SESSION_ID", "Session expired or invalid"));
        }
        String url = request.getUrl();
        int q = url.indexOf("q=");
        String soql = q < 0 ? "" : URLDecoder.decode(url.substring(q + 2).split("&")[0], StandardCharsets.UTF_8);
        Matcher lookup = LOOKUP.matcher(soql);
        if (!lookup.matches()) {
            return answer(400, error("MALFORMED_QUERY", "the simulator answers only SELECT f FROM o WHERE f IN (...)"));
        }
        Set<String> values = new HashSet<>();
        Matcher literal = LITERAL.matcher(lookup.group(5));
        while (literal.find()) {
            values.add(literal.group(1).replaceAll("\\\\(.)", "$1"));
        }
        String parent = lookup.group(3);
        ArrayNode found = json.createArrayNode();
        synchronized (this) {
            records.getOrDefault(lookup.group(2), Map.of()).forEach((key, record) -> {
                JsonNode reference = parent == null ? null : record.path(parent);
                String value = parent == null ? key
                        : reference.isObject() && reference.size() > 0 ? reference.elements().next().asText() : null;
                if (values.contains(value)) {
                    ObjectNode row = found.addObject();
                    row.putObject("attributes").put("type", lookup.group(2));
                    row.put(lookup.group(1), key);
                }
            });
        }
        ObjectNode result = json.createObjectNode().put("totalSize", found.size()).put("done", true);
        result.set("records", found);
        return answer(200, result);
    }

    private ResponseDefinition upsert(Request request) {
        calls.incrementAndGet();
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !validTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
            return answer(401, error("INVALID_SESSION_ID", "Session expired or invalid"));
        }
        if (failingCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Injected failure = failingCall;
            return answer(failingStatus, error(failure.statusCode(), failure.message()));
        }
        String[] path = request.getUrl().split("\\?")[0].split("/");
        String sObject = path[path.length - 2];
        String field = path[path.length - 1];
        JsonNode body;
        try {
            body = json.readTree(request.getBody());
        } catch (IOException e) {
            return answer(400, error("JSON_PARSER_ERROR", "The request body is not valid JSON"));
        }
        if (body == null || !body.path("records").isArray()) {
            return answer(400, error("INVALID_FIELD", "records is required"));
        }
        if (body.path("records").size() > 200) {
            return answer(400, error("EXCEEDED_ID_LIMIT", "Cannot have more than 200 records in one request"));
        }
        ArrayNode results = json.createArrayNode();
        synchronized (this) {
            Set<String> seen = new HashSet<>();
            for (JsonNode record : body.path("records")) {
                results.add(upsert(sObject, field, (ObjectNode) record, seen));
            }
        }
        return answer(200, results);
    }

    /** One record of a Collections upsert; the caller holds the lock. */
    private ObjectNode upsert(String sObject, String field, ObjectNode record, Set<String> seen) {
        String key = record.path(field).asText("");
        if (key.isBlank()) {
            return failed("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field + "]", field);
        }
        if (!seen.add(key)) {
            return failed("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + key, field);
        }
        Injected injected = failingRecords.get(sObject + "/" + key);
        String customer = customer(sObject, key, record);
        if (injected == null && customer != null) {
            injected = failingCustomers.get(customer);
        }
        if (injected != null) {
            return failed(injected.statusCode(), injected.message());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> reference = fields.next();
            if (reference.getValue().isObject() && ID_PREFIXES.containsKey(reference.getKey())) {
                Map.Entry<String, JsonNode> by = reference.getValue().fields().next();
                if (!records.getOrDefault(reference.getKey(), Map.of()).containsKey(by.getValue().asText())) {
                    return failed("INVALID_FIELD", "Foreign key external ID: " + by.getValue().asText()
                            + " not found for field " + by.getKey() + " in entity " + reference.getKey());
                }
            }
        }
        Map<String, ObjectNode> stored = records.computeIfAbsent(sObject, s -> new HashMap<>());
        ObjectNode existing = stored.get(key);
        boolean created = existing == null;
        if (created) {
            List<String> missing = REQUIRED_ON_CREATE.getOrDefault(sObject, List.of()).stream()
                    .filter(f -> record.path(f).isMissingNode() || record.path(f).isNull()).toList();
            if (!missing.isEmpty()) {
                return failed("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                        missing.toArray(String[]::new));
            }
            existing = json.createObjectNode().put("Id", ID_PREFIXES.getOrDefault(sObject, "a00") + "SIM"
                    + String.format("%09d", ids.incrementAndGet()));
            stored.put(key, existing);
            creates.computeIfAbsent(sObject, s -> new AtomicInteger()).incrementAndGet();
        } else {
            List<String> refused = CREATE_ONLY.getOrDefault(sObject, List.of()).stream().filter(record::has).toList();
            if (!refused.isEmpty()) {
                return failed("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                        + String.join(", ", refused.stream().map(f -> f + "Id").toList())
                        + ". Please check the security settings of this field and verify that it is read/write for your"
                        + " profile or permission set.", refused.stream().map(f -> f + "Id").toArray(String[]::new));
            }
            if (sObject.equals("Order") && !"Draft".equals(existing.path("Status").asText("Draft"))) {
                List<String> locked = DRAFT_ONLY.stream().filter(record::has).toList();
                if (!locked.isEmpty()) {
                    // the simulator's stand-in for what Salesforce answers on an activated Order
                    return failed("FIELD_INTEGRITY_EXCEPTION", "The order is activated: " + String.join(", ", locked)
                            + " cannot be changed", locked.toArray(String[]::new));
                }
            }
            updates.computeIfAbsent(sObject, s -> new AtomicInteger()).incrementAndGet();
        }
        ObjectNode target = existing;
        record.fields().forEachRemaining(f -> {
            if (f.getKey().equals("attributes") || keysOnly && !f.getValue().isObject()) {
                return;
            }
            if (f.getValue().isNull()) {
                target.remove(f.getKey());
            } else {
                target.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return json.createObjectNode().put("id", existing.path("Id").asText()).put("success", true)
                .<ObjectNode>set("errors", json.createArrayNode()).put("created", created);
    }

    /** The Account key a record belongs to: its own, its Account reference's, or its Order's. */
    private String customer(String sObject, String key, ObjectNode record) {
        if (sObject.equals("Account")) {
            return key;
        }
        // an update leaves out the create-only references: the stored record has them
        ObjectNode stored0 = records.getOrDefault(sObject, Map.of()).get(key);
        JsonNode account = record.has("Account") || stored0 == null ? record.path("Account") : stored0.path("Account");
        if (account.isObject() && account.size() > 0) {
            return account.elements().next().asText();
        }
        JsonNode order = record.has("Order") || stored0 == null ? record.path("Order") : stored0.path("Order");
        if (order.isObject() && order.size() > 0) {
            ObjectNode stored = records.getOrDefault("Order", Map.of()).get(order.elements().next().asText());
            return stored == null || !stored.path("Account").isObject() || stored.path("Account").size() == 0 ? null
                    : stored.path("Account").elements().next().asText();
        }
        return null;
    }

    private ObjectNode failed(String statusCode, String message, String... fields) {
        ObjectNode error = json.createObjectNode().put("statusCode", statusCode).put("message", message);
        ArrayNode names = error.putArray("fields");
        for (String field : fields) {
            names.add(field);
        }
        ObjectNode result = json.createObjectNode().put("success", false);
        result.putArray("errors").add(error);
        return result;
    }

    private ArrayNode error(String errorCode, String message) {
        ArrayNode errors = json.createArrayNode();
        errors.addObject().put("message", message).put("errorCode", errorCode);
        return errors;
    }

    private static ResponseDefinition answer(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body.toString()).build();
    }

    /** Answers the token and upsert calls from the simulator's state. */
    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            if (request.getUrl().split("\\?")[0].endsWith(TOKEN_PATH)) {
                return token(request);
            }
            return request.getMethod().getName().equals("GET") ? query(request) : upsert(request);
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
