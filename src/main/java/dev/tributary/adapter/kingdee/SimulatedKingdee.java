package dev.tributary.adapter.kingdee;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in 金蝶云星空 on 127.0.0.1 (WireMock) for demo mode, the benchmark sink and tests. It checks
 * the app-secret v2.0 signature of every call (a wrong one answers a signature failure), keeps
 * {@code BD_Customer} by FNumber and {@code SAL_SaleOrder} by FBillNo with ids, answers
 * {@code ExecuteBillQuery} as rows, {@code Save}/{@code BatchSave} with SuccessEntitys/Errors by DIndex,
 * rejects a create (id 0) of a number it holds as the real one does, runs {@code Forbid},
 * {@code Enable} and {@code Cancel}, and accepts {@code data} as an object or a JSON string.
 *
 * <p>Public API: {@link #SimulatedKingdee(int)} (the test credentials of {@link #APP_ID}/{@link #APP_SECRET})
 * or {@link #SimulatedKingdee(int, String, String)}; {@link #baseUrl()}; counters {@link #creates},
 * {@link #updates}, {@link #calls()}, {@link #logins()}; state {@link #record}; faults {@link #failNext},
 * {@link #loseSessionNext}, {@link #expireSessions()}, {@link #failRecordsOf}.
 */
public class SimulatedKingdee implements AutoCloseable {

    /** The app id and secret of {@link #SimulatedKingdee(int)}: the adapter's test defaults. */
    public static final String APP_ID = KingdeeSettings.defaults().appId();
    public static final String APP_SECRET = KingdeeSettings.defaults().appSecret();

    private static final String TRANSFORMER = "kingdee-simulator";
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final int VALIDATION_FAILED = 11;
    private static final int NOT_FOUND = 10;

    /** One stored record: its id, its model as last saved and its status (FForbidStatus, FCancelStatus). */
    private record Stored(long id, ObjectNode model, String status) {
    }

    private record Fault(int msgCode, String message) {
    }

    private final ObjectMapper json = HubJson.create();
    private final String appId;
    private final String appSecret;
    private final String clientSecret;
    private final Map<String, Map<String, Stored>> forms = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> updates = new ConcurrentHashMap<>();
    private final Map<String, String> failingCustomers = new ConcurrentHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final java.util.Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(100000);
    private final WireMockServer server;

    /** Starts on {@code port} of 127.0.0.1 (0: any free port) with the test credentials. */
    public SimulatedKingdee(int port) {
        this(port, APP_ID, APP_SECRET);
    }

    /** Starts on {@code port} of 127.0.0.1 (0: any free port), accepting calls signed with these credentials. */
    public SimulatedKingdee(int port, String appId, String appSecret) {
        this.appId = appId;
        this.appSecret = appSecret;
        int underscore = appId.indexOf('_');
        String masked = underscore < 0 ? "" : appId.substring(underscore + 1);
        this.clientSecret = masked.length() == 32 ? KingdeeSigner.unmask(masked) : appSecret;
        server = new WireMockServer((port == 0 ? options().dynamicPort() : options().port(port)).bindAddress("127.0.0.1")
                .extensions(new Answers()));
        server.start();
        server.stubFor(post(urlPathMatching(".*/Kingdee\\.BOS\\.WebApi\\.ServicesStub\\.DynamicFormService\\.[A-Za-z]+\\.common\\.kdsvc"))
                .atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(post(urlPathMatching(".*" + Pattern.quote(KingdeeSession.LOGIN_PATH)))
                .atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    /** The base URL to configure, with the usual {@code /k3cloud} context path. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/k3cloud";
    }

    /** The WireMock server, for stubs that answer before the simulator (HTTP faults, delays). */
    public WireMockServer server() {
        return server;
    }

    /** How many records of {@code formId} ({@code BD_Customer}, {@code SAL_SaleOrder}) were created. */
    public int creates(String formId) {
        return creates.computeIfAbsent(formId, f -> new AtomicInteger()).get();
    }

    /** How many saves of {@code formId} updated an existing record. */
    public int updates(String formId) {
        return updates.computeIfAbsent(formId, f -> new AtomicInteger()).get();
    }

    /** Every call answered, signed correctly or not. */
    public int calls() {
        return calls.get();
    }

    /** How many {@code LoginByAppSecret} calls succeeded (the login-session alternative). */
    public int logins() {
        return logins.get();
    }

    /** Forgets every login session, as a K3Cloud restart does: their next call answers MsgCode 1. */
    public void expireSessions() {
        sessions.clear();
    }

    /** The record of {@code formId} numbered {@code number} as last saved, with {@code _id} and {@code _status}. */
    public Optional<JsonNode> record(String formId, String number) {
        Stored stored = forms.getOrDefault(formId, Map.of()).get(number);
        if (stored == null) {
            return Optional.empty();
        }
        ObjectNode copy = stored.model().deepCopy().put("_id", stored.id()).put("_status", stored.status());
        return Optional.of(copy);
    }

    /** The next {@code count} calls fail as a whole with {@code msgCode} and {@code message} (13 网控冲突, 14 …). */
    public synchronized void failNext(int count, int msgCode, String message) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(msgCode, message));
        }
    }

    /** The next {@code count} calls answer "session lost" (MsgCode 1), as after a server restart. */
    public void loseSessionNext(int count) {
        failNext(count, KingdeeErrors.CONTEXT_LOST, "会话信息已丢失，请重新登录");
    }

    /** Every save of the customer {@code customerNumber} or of its orders fails (MsgCode 11) with {@code message}; null stops it. */
    public void failRecordsOf(String customerNumber, String message) {
        if (message == null) {
            failingCustomers.remove(customerNumber);
        } else {
            failingCustomers.put(customerNumber, message);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized String answer(Request request) {
        calls.incrementAndGet();
        String path = URI.create(request.getUrl()).getPath();
        if (path.endsWith(KingdeeSession.LOGIN_PATH)) {
            return login(request);
        }
        String cookie = request.getHeader("Cookie");
        if (cookie != null && request.getHeader("X-Api-Signature") == null) {
            if (!sessions.contains(sessionId(cookie))) {
                return failure(KingdeeErrors.CONTEXT_LOST, "", "会话信息已丢失，请重新登录", 0, false).toString();
            }
        } else if (!signed(request, path)) {
            return failure(KingdeeErrors.CONTEXT_LOST, "", "签名验证失败：X-Api-Signature/X-Kd-Signature 与应用的 AppSecret 不符", 0, false)
                    .toString();
        }
        if (!faults.isEmpty()) {
            Fault fault = faults.remove(0);
            return failure(fault.msgCode(), "", fault.message(), 0, false).toString();
        }
        JsonNode body;
        try {
            body = json.readTree(request.getBodyAsString());
        } catch (IOException e) {
            return failure(8, "", "参数错误：请求不是 JSON", 0, false).toString();
        }
        boolean asString = body.path("data").isTextual();
        JsonNode data = KingdeeData.of(body, json);
        String operation = KingdeeRequest.operationOf(path);
        return switch (operation == null ? "" : operation) {
            case KingdeeRequest.QUERY -> query(data).toString();
            case KingdeeRequest.SAVE, KingdeeRequest.BATCH_SAVE -> save(body.path("formid").asText(), data, asString).toString();
            case KingdeeRequest.OPERATION -> operation(body.path("formid").asText(), body.path("opNumber").asText(), data,
                    asString).toString();
            default -> failure(3, "", "操作标识为空或不支持：" + operation, 0, asString).toString();
        };
    }

    private static String sessionId(String cookie) {
        for (String part : cookie.split(";")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equalsIgnoreCase("kdservice-sessionid")) {
                return pair[1];
            }
        }
        return "";
    }

    /** {@code LoginByAppSecret} with {@code parameters: [acctId, username, appId, appSecret, lcid]}. */
    private String login(Request request) {
        JsonNode parameters;
        try {
            parameters = json.readTree(request.getBodyAsString()).path("parameters");
        } catch (IOException e) {
            parameters = json.createArrayNode();
        }
        ObjectNode answer = json.createObjectNode();
        if (!appId.equals(parameters.path(2).asText()) || !appSecret.equals(parameters.path(3).asText())) {
            return answer.put("LoginResultType", 0).put("Message", "第三方系统登录授权验证失败：应用ID或应用密钥不正确").toString();
        }
        String session = "sim-session-" + logins.incrementAndGet();
        sessions.add(session);
        return answer.put("LoginResultType", 1).put("Message", "").put("KDSVCSessionId", session).toString();
    }

    private boolean signed(Request request, String path) {
        String timestamp = request.getHeader("x-api-timestamp");
        String nonce = request.getHeader("x-api-nonce");
        String appData = request.getHeader("X-Kd-Appdata");
        if (timestamp == null || nonce == null || appData == null || !"2.0".equals(request.getHeader("X-Api-Auth-Version"))
                || !appId.equals(request.getHeader("X-Kd-Appkey"))) {
            return false;
        }
        String data;
        try {
            data = new String(Base64.getDecoder().decode(appData), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String apiSignature = KingdeeSigner.hmacHexBase64(KingdeeSigner.apiSignContent(path, nonce, timestamp), clientSecret);
        String kdSignature = KingdeeSigner.hmacHexBase64(appId + data, appSecret);
        return apiSignature.equals(request.getHeader("X-Api-Signature")) && kdSignature.equals(request.getHeader("X-Kd-Signature"));
    }

    /** Rows of the FieldKeys for the records whose key is one of the filter's quoted values. */
    private JsonNode query(JsonNode data) {
        Map<String, Stored> records = forms.getOrDefault(data.path("FormId").asText(), Map.of());
        String[] keys = data.path("FieldKeys").asText().split(",");
        ArrayNode rows = json.createArrayNode();
        Matcher values = QUOTED.matcher(data.path("FilterString").asText());
        while (values.find()) {
            Stored stored = records.get(values.group(1).replace("''", "'"));
            if (stored == null) {
                continue;
            }
            ArrayNode row = rows.addArray();
            for (String key : keys) {
                switch (key.strip().toUpperCase()) {
                    case "FCUSTID", "FID" -> row.add(stored.id());
                    case "FNUMBER", "FBILLNO" -> row.add(values.group(1).replace("''", "'"));
                    case "FFORBIDSTATUS", "FCANCELSTATUS" -> row.add(stored.status());
                    default -> row.addNull();
                }
            }
        }
        return rows;
    }

    private JsonNode save(String form, JsonNode data, boolean asString) {
        JsonNode model = data.path("Model");
        List<JsonNode> models = new ArrayList<>();
        if (model.isArray()) {
            model.forEach(models::add);
        } else {
            models.add(model);
        }
        boolean customer = form.equals(KingdeeModels.CUSTOMER_FORM);
        String idField = customer ? KingdeeModels.CUSTOMER_ID : KingdeeModels.ORDER_ID;
        String numberField = customer ? "FNumber" : "FBillNo";
        Map<String, Stored> records = forms.computeIfAbsent(form, f -> new ConcurrentHashMap<>());
        ObjectNode status = status(asString);
        ArrayNode successes = status.putArray("SuccessEntitys");
        ArrayNode errors = status.putArray("Errors");
        for (int i = 0; i < models.size(); i++) {
            ObjectNode m = (ObjectNode) models.get(i);
            String number = m.path(numberField).asText();
            long id = m.path(idField).asLong(0);
            String customerNumber = customer ? number : m.path("FCustId").path("FNumber").asText();
            Stored existing = records.get(number);
            String error = null;
            String field = "";
            if (failingCustomers.containsKey(customerNumber)) {
                error = failingCustomers.get(customerNumber);
            } else if (!customer && !forms.getOrDefault(KingdeeModels.CUSTOMER_FORM, Map.of()).containsKey(customerNumber)) {
                field = "FCustId";
                error = "客户“" + customerNumber + "”不存在或未审核";
            } else if (id == 0 && existing != null) {
                field = numberField;
                error = "编码“" + number + "”已经存在，不允许重复";
            } else if (id != 0 && (existing == null || existing.id() != id)) {
                field = idField;
                error = "内码 " + id + " 对应的数据不存在";
            }
            if (error != null) {
                errors.addObject().put("FieldName", field).put("Message", error).put("DIndex", i);
                continue;
            }
            Stored saved;
            if (existing == null) {
                saved = new Stored(ids.incrementAndGet(), m.deepCopy(), KingdeeModels.ENABLED);
                creates.computeIfAbsent(form, f -> new AtomicInteger()).incrementAndGet();
            } else {
                ObjectNode merged = existing.model().deepCopy();
                merged.setAll(m);
                saved = new Stored(existing.id(), merged, existing.status());
                updates.computeIfAbsent(form, f -> new AtomicInteger()).incrementAndGet();
            }
            saved.model().put(idField, saved.id());
            records.put(number, saved);
            successes.addObject().put("Id", saved.id()).put("Number", number).put("DIndex", i);
        }
        boolean ok = errors.isEmpty();
        setSuccess(status, ok, asString);
        status.put("MsgCode", ok ? 0 : VALIDATION_FAILED);
        return wrap(status);
    }

    private JsonNode operation(String form, String opNumber, JsonNode data, boolean asString) {
        Map<String, Stored> records = forms.computeIfAbsent(form, f -> new ConcurrentHashMap<>());
        String target = switch (opNumber) {
            case "Forbid", "Cancel" -> "B";
            case "Enable" -> "A";
            default -> null;
        };
        if (target == null) {
            return failure(3, "", "不支持的操作：" + opNumber, 0, asString);
        }
        ObjectNode status = status(asString);
        ArrayNode successes = status.putArray("SuccessEntitys");
        ArrayNode errors = status.putArray("Errors");
        int i = 0;
        for (JsonNode n : data.path("Numbers")) {
            Stored stored = records.get(n.asText());
            if (stored == null) {
                errors.addObject().put("FieldName", "").put("Message", "编码为“" + n.asText() + "”的数据不存在").put("DIndex", i);
            } else {
                records.put(n.asText(), new Stored(stored.id(), stored.model(), target));
                successes.addObject().put("Id", stored.id()).put("Number", n.asText()).put("DIndex", i);
            }
            i++;
        }
        boolean ok = errors.isEmpty();
        setSuccess(status, ok, asString);
        status.put("MsgCode", ok ? 0 : NOT_FOUND);
        return wrap(status);
    }

    private ObjectNode failure(int msgCode, String field, String message, int index, boolean asString) {
        ObjectNode status = status(asString);
        setSuccess(status, false, asString);
        status.put("MsgCode", msgCode);
        status.putArray("Errors").addObject().put("FieldName", field).put("Message", message).put("DIndex", index);
        status.putArray("SuccessEntitys");
        return wrap(status);
    }

    private ObjectNode status(boolean asString) {
        return json.createObjectNode().put("ErrorCode", asString ? "" : "0");
    }

    /** IsSuccess as a boolean, or as the string "true"/"false" when the call sent data as a string (both occur). */
    private static void setSuccess(ObjectNode status, boolean ok, boolean asString) {
        if (asString) {
            status.put("IsSuccess", String.valueOf(ok));
        } else {
            status.put("IsSuccess", ok);
        }
        if (!ok) {
            status.put("ErrorCode", 500);
        }
    }

    private ObjectNode wrap(ObjectNode status) {
        ObjectNode answer = json.createObjectNode();
        answer.putObject("Result").set("ResponseStatus", status);
        return answer;
    }

    /** Answers every service call from the simulator's state. */
    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8").withBody(answer(event.getRequest())).build();
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
