// Minimal HQ target sink for the Tributary benchmark: answers every upsert with 200 at once,
// counts it per target and records ingest-to-delivered latency = now - envelope.time.
//
// Run (JDK 17+, no build):  java bench/Sink.java --port 0 --port-file /tmp/sink.port
//
// Targets are served under /<target>/... (default /crm and /erp), so the hub is pointed at
// HUB_CRM_URL=http://127.0.0.1:<port>/crm and HUB_ERP_URL=http://127.0.0.1:<port>/erp.
// Control endpoints (for the load generator):
//   GET /_bench/stats          JSON counts per target
//   GET /_bench/dump?target=t  one line per distinct event: "<key> <latencyMs> <arrivalEpochMs> <deliveries> <arrivalNo>"
//   GET /_bench/health         "ok"
//   GET /_bench/counters       one line per counter: "<target> <name> <value>" (calls.<kind>, records.<kind>, failed)
//   POST /_bench/lookup?target=t  body: keys, one a line; answers the dump lines of those keys
//   POST /_bench/fail?contains=<text>&until=<epochMs>&targets=crm,erp
//                              answer 503 (no Retry-After) to every target call whose body contains <text>
//                              until <epochMs> (until=0 ends it at once)
//
// Vendor shapes, besides the generic PUT /<target>/<collection>/<id> (keyed by Idempotency-Key):
//   Salesforce  POST .../services/oauth2/token -> a token; PATCH .../composite/sobjects/<SObject>/<field>
//               -> one {"id","success":true,"errors":[],"created"} per record, in order ("created" true the
//               first time the sink sees the key). An event = an Order record, keyed by its external id.
//   Kingdee     POST .../Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.<Op>.common.kdsvc:
//               ExecuteBillQuery -> [] (nothing found), Save/BatchSave -> IsSuccess with one SuccessEntitys
//               entry per model, ExcuteOperation -> IsSuccess. An event = a SAL_SaleOrder model, keyed by FBillNo.
// Vendor events carry no envelope time: their latency is -1 in the dump (Load knows when it sent each order).
//
// A blocking HTTP/1.1 server with one thread per keep-alive connection, written here because the
// JDK's HttpServer hands every request from its selector thread to a worker and back: with ~4,000
// upserts/s that cost the sink 11% of the 2 cores the hub is measured on. It reads requests with
// Content-Length bodies (what the hub's HTTP client sends) and closes the connection on anything else.
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

public class Sink {

    /** Counts and per-event records of one target. */
    static final class Target {
        final String name;
        final LongAdder requests = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder badTime = new LongAdder();
        final LongAdder nonPut = new LongAdder();
        final Map<String, LongAdder> byCollection = new ConcurrentHashMap<>();
        /** event key -> {latencyMs of first delivery (-1: unknown), arrival epoch ms of first delivery, deliveries, arrival number}. */
        final ConcurrentHashMap<String, long[]> events = new ConcurrentHashMap<>(1 << 17);
        /** calls.<kind> and records.<kind> of the vendor shapes (kind: sObject, or Kingdee op/form), failed. */
        final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
        /** keys of vendor records seen (other than the events), for Salesforce's "created". */
        final Map<String, Boolean> seen = new ConcurrentHashMap<>(1 << 16);
        /** arrival order of first deliveries (ms ties broken). */
        final java.util.concurrent.atomic.AtomicLong arrivals = new java.util.concurrent.atomic.AtomicLong();

        void count(String name, long n) {
            counters.computeIfAbsent(name, c -> new LongAdder()).add(n);
        }

        Target(String name) {
            this.name = name;
        }
    }

    private static final byte[] TIME_KEY = "\"time\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_BODY = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 16 * 1024;

    /** The failure rule of POST /_bench/fail: calls whose body contains the bytes fail until the time. */
    record FailRule(byte[] contains, long untilMs, java.util.Set<String> targets) {
    }

    static volatile FailRule failRule;

    /** One parsed request. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        int port = Integer.parseInt(opts.getOrDefault("port", "0"));
        String bind = opts.getOrDefault("bind", "127.0.0.1");
        Map<String, Target> targets = new LinkedHashMap<>();
        for (String t : opts.getOrDefault("targets", "crm,erp").split(",")) {
            targets.put(t.trim(), new Target(t.trim()));
        }
        ServerSocket server = new ServerSocket(port, 1024, InetAddress.getByName(bind));
        int actual = server.getLocalPort();
        if (opts.containsKey("port-file")) {
            Path file = Path.of(opts.get("port-file"));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(actual));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("sink listening on http://" + bind + ":" + actual + " targets " + targets.keySet());
        while (true) {
            Socket socket = server.accept();
            Thread connection = new Thread(() -> serve(socket, targets), "sink-" + socket.getPort());
            connection.setDaemon(true);
            connection.start();
        }
    }

    /** Answers the requests of one keep-alive connection until the client closes it. */
    private static void serve(Socket socket, Map<String, Target> targets) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
            while (true) {
                Request request = read(in);
                if (request == null) {
                    return;
                }
                boolean close = "close".equalsIgnoreCase(request.headers().get("connection"));
                handle(request, targets, out, close);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent something this sink does not speak; the next one may not
        }
    }

    private static void handle(Request r, Map<String, Target> targets, OutputStream out, boolean close) throws IOException {
        String path = r.path();
        if (path.equals("/_bench/stats")) {
            reply(out, 200, "application/json", stats(targets).getBytes(StandardCharsets.UTF_8), close);
        } else if (path.equals("/_bench/health")) {
            reply(out, 200, "text/plain", "ok".getBytes(StandardCharsets.US_ASCII), close);
        } else if (path.equals("/_bench/dump")) {
            String query = r.query();
            String name = query != null && query.startsWith("target=") ? query.substring(7) : "";
            Target target = targets.get(name);
            if (target == null) {
                reply(out, 404, "text/plain", ("unknown target " + name).getBytes(StandardCharsets.UTF_8), close);
                return;
            }
            StringBuilder text = new StringBuilder(target.events.size() * 64);
            target.events.forEach((key, rec) -> text.append(key).append(' ').append(rec[0]).append(' ')
                    .append(rec[1]).append(' ').append(rec[2]).append(' ').append(rec[3]).append('\n'));
            reply(out, 200, "text/plain", text.toString().getBytes(StandardCharsets.UTF_8), close);
        } else if (path.equals("/_bench/counters")) {
            StringBuilder text = new StringBuilder();
            targets.values().forEach(t -> t.counters.forEach((k, v) -> text.append(t.name).append(' ').append(k)
                    .append(' ').append(v.sum()).append('\n')));
            reply(out, 200, "text/plain", text.toString().getBytes(StandardCharsets.UTF_8), close);
        } else if (path.equals("/_bench/lookup")) {
            Map<String, String> q = query(r.query());
            Target target = targets.get(q.getOrDefault("target", ""));
            if (target == null) {
                reply(out, 404, "text/plain", "unknown target".getBytes(StandardCharsets.UTF_8), close);
                return;
            }
            StringBuilder text = new StringBuilder();
            for (String key : new String(r.body(), StandardCharsets.UTF_8).split("\n")) {
                long[] rec = target.events.get(key.strip());
                if (rec != null) {
                    synchronized (rec) {
                        text.append(key.strip()).append(' ').append(rec[0]).append(' ').append(rec[1]).append(' ')
                                .append(rec[2]).append(' ').append(rec[3]).append('\n');
                    }
                }
            }
            reply(out, 200, "text/plain", text.toString().getBytes(StandardCharsets.UTF_8), close);
        } else if (path.equals("/_bench/fail")) {
            Map<String, String> q = query(r.query());
            long until = Long.parseLong(q.getOrDefault("until", "0"));
            String contains = q.getOrDefault("contains", "");
            java.util.Set<String> which = new java.util.HashSet<>(List.of(q.getOrDefault("targets",
                    String.join(",", targets.keySet())).split(",")));
            failRule = until <= 0 || contains.isEmpty() ? null
                    : new FailRule(contains.getBytes(StandardCharsets.UTF_8), until, which);
            reply(out, 200, "text/plain", (failRule == null ? "off" : "on").getBytes(StandardCharsets.US_ASCII), close);
        } else {
            int slash = path.indexOf('/', 1);
            Target target = targets.get(slash < 0 ? path.substring(1) : path.substring(1, slash));
            if (target == null) {
                reply(out, 404, "text/plain", ("no target at " + path).getBytes(StandardCharsets.UTF_8), close);
                return;
            }
            FailRule rule = failRule;
            if (rule != null && rule.targets().contains(target.name) && System.currentTimeMillis() < rule.untilMs()
                    && indexOf(r.body(), rule.contains()) >= 0) {
                target.count("failed", 1);
                reply(out, 503, "application/json", "{\"error\":\"bench: failing on purpose\"}"
                        .getBytes(StandardCharsets.US_ASCII), close);
                return;
            }
            if (path.endsWith("/services/oauth2/token")) {
                target.count("calls.token", 1);
                String host = r.headers().getOrDefault("host", "127.0.0.1");
                String token = "{\"access_token\":\"bench-token\",\"instance_url\":\"http://" + host + "/"
                        + target.name + "\",\"token_type\":\"Bearer\",\"issued_at\":\""
                        + System.currentTimeMillis() + "\"}";
                reply(out, 200, "application/json", token.getBytes(StandardCharsets.UTF_8), close);
            } else if (path.contains("/composite/sobjects/")) {
                reply(out, 200, "application/json", salesforce(r, target), close);
            } else if (path.contains("/Kingdee.BOS.WebApi.ServicesStub.")) {
                reply(out, 200, "application/json", kingdee(r, target), close);
            } else {
                upsert(r, target);
                reply(out, 200, "application/json", OK_BODY, close);
            }
        }
    }

    /** Records one first delivery of an event (or counts a repeated one); true when it is the first. */
    private static boolean arrived(Target target, String key, long latency, long now) {
        long[] fresh = {latency, now, 1, target.arrivals.incrementAndGet()};
        long[] existing = target.events.putIfAbsent(key, fresh);
        if (existing != null) {
            synchronized (existing) {
                existing[2]++;
            }
            target.duplicates.increment();
            return false;
        }
        return true;
    }

    /** sObject Collections upsert: one result per record, in request order. */
    private static byte[] salesforce(Request r, Target target) {
        long now = System.currentTimeMillis();
        target.requests.increment();
        String path = r.path();
        int at = path.indexOf("/composite/sobjects/") + "/composite/sobjects/".length();
        int end = path.indexOf('/', at);
        String sobject = end < 0 ? path.substring(at) : path.substring(at, end);
        String field = end < 0 ? "Id" : path.substring(end + 1);
        Object body = Json.parse(new String(r.body(), StandardCharsets.UTF_8));
        List<?> records = body instanceof Map<?, ?> m && m.get("records") instanceof List<?> l ? l : List.of();
        target.count("calls." + sobject, 1);
        target.count("records." + sobject, records.size());
        target.byCollection.computeIfAbsent(sobject, c -> new LongAdder()).add(records.size());
        StringBuilder out = new StringBuilder(records.size() * 80 + 2).append('[');
        for (Object rec : records) {
            Object key = rec instanceof Map<?, ?> m ? m.get(field) : null;
            String k = key == null ? "" : key.toString();
            boolean created;
            if (sobject.equals("Order")) {
                created = arrived(target, k, -1, now);
            } else {
                created = target.seen.putIfAbsent(sobject + "/" + k, Boolean.TRUE) == null;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"id\":\"").append(sfId(sobject, k)).append("\",\"success\":true,\"errors\":[],\"created\":")
                    .append(created).append('}');
        }
        return out.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A stable 18-character id for a record (the prefix of the sObject's key prefix style). */
    private static String sfId(String sobject, String key) {
        String prefix = switch (sobject) {
            case "Account" -> "001";
            case "Opportunity" -> "006";
            case "Order" -> "801";
            case "OrderItem" -> "802";
            default -> "a00";
        };
        return prefix + String.format(Locale.ROOT, "%015X", key.hashCode() & 0xFFFFFFFFL);
    }

    /** Kingdee K3Cloud Web API: queries find nothing, saves succeed model by model, operations succeed. */
    private static byte[] kingdee(Request r, Target target) {
        long now = System.currentTimeMillis();
        target.requests.increment();
        String path = r.path();
        int at = path.indexOf("DynamicFormService.");
        int end = path.indexOf(".common.kdsvc");
        String op = at < 0 || end < 0 ? "unknown" : path.substring(at + "DynamicFormService.".length(), end);
        Object body = Json.parse(new String(r.body(), StandardCharsets.UTF_8));
        Object data = body instanceof Map<?, ?> m ? m.get("data") : null;
        if (data instanceof String text) {
            data = Json.parse(text);
        }
        String form = body instanceof Map<?, ?> m && m.get("formid") != null ? m.get("formid").toString()
                : data instanceof Map<?, ?> d && d.get("FormId") != null ? d.get("FormId").toString() : "";
        target.count("calls." + op + " " + form, 1);
        if (op.equals("ExecuteBillQuery")) {
            return "[]".getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder entities = new StringBuilder();
        if (op.equals("Save") || op.equals("BatchSave")) {
            Object model = data instanceof Map<?, ?> d ? d.get("Model") : null;
            List<?> models = model instanceof List<?> l ? l : model == null ? List.of() : List.of(model);
            target.count("records." + form, models.size());
            target.byCollection.computeIfAbsent(form, c -> new LongAdder()).add(models.size());
            for (int i = 0; i < models.size(); i++) {
                Object number = null;
                if (models.get(i) instanceof Map<?, ?> mm) {
                    number = mm.get("FBillNo") != null ? mm.get("FBillNo") : mm.get("FNumber");
                }
                String n = number == null ? "" : number.toString();
                if (form.equals("SAL_SaleOrder")) {
                    arrived(target, n, -1, now);
                }
                if (i > 0) {
                    entities.append(',');
                }
                entities.append("{\"Id\":\"").append(100000 + (n.hashCode() & 0x7FFFFFF)).append("\",\"Number\":\"")
                        .append(Json.escape(n)).append("\",\"DIndex\":").append(i).append('}');
            }
        }
        return ("{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":true,\"Errors\":[],\"SuccessEntitys\":[" + entities
                + "],\"SuccessMessages\":[],\"MsgCode\":0},\"Id\":\"\",\"Number\":\"\",\"NeedReturnData\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> q = new LinkedHashMap<>();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(part.substring(0, eq), java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A small JSON reader (objects → LinkedHashMap, arrays → ArrayList, numbers → their text). */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            try {
                Json j = new Json(text);
                j.ws();
                return j.value();
            } catch (RuntimeException e) {
                return null;
            }
        }

        static String escape(String v) {
            return v.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        i++; // ':'
                        ws();
                        m.put(k, value());
                        ws();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        ws();
                        l.add(value());
                        ws();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> word;
                    };
                }
            }
        }

        private String string() {
            i++; // opening quote
            StringBuilder b = null;
            int start = i;
            while (true) {
                char c = s.charAt(i);
                if (c == '"') {
                    String out = b == null ? s.substring(start, i) : b.toString();
                    i++;
                    return out;
                }
                if (c == '\\') {
                    if (b == null) {
                        b = new StringBuilder(s.substring(start, i));
                    }
                    char e = s.charAt(i + 1);
                    i += 2;
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                    continue;
                }
                if (b != null) {
                    b.append(c);
                }
                i++;
            }
        }
    }

    private static void upsert(Request r, Target target) {
        long now = System.currentTimeMillis();
        target.requests.increment();
        if (!"PUT".equals(r.method())) {
            target.nonPut.increment();
        }
        String path = r.path();
        int slash = path.indexOf('/', 1);
        int next = slash < 0 ? -1 : path.indexOf('/', slash + 1);
        String collection = slash < 0 ? "" : next < 0 ? path.substring(slash + 1) : path.substring(slash + 1, next);
        target.byCollection.computeIfAbsent(collection, c -> new LongAdder()).increment();
        String key = r.headers().get("idempotency-key");
        if (key == null) {
            key = r.headers().get("ce-id");
        }
        if (key == null) {
            key = path;
        }
        long time = envelopeTime(r.body());
        long latency;
        if (time < 0) {
            target.badTime.increment();
            latency = -1;
        } else {
            latency = now - time;
        }
        arrived(target, key, latency, now);
    }

    /** Reads one request (line, headers, Content-Length body); null at the end of the connection. */
    static Request read(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            return null;
        }
        if (line.isEmpty()) {            // tolerate a stray CRLF between requests
            line = line(in);
            if (line == null) {
                return null;
            }
        }
        String[] parts = line.split(" ");
        if (parts.length != 3) {
            throw new IOException("bad request line: " + line);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException("chunked requests are not supported by the sink");
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        String target = parts[1];
        int q = target.indexOf('?');
        return new Request(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                headers, body);
    }

    /** One CRLF-terminated line as ISO-8859-1, without its end; null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') {
                    b.setLength(len - 1);
                }
                return b.toString();
            }
            if (b.length() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static void reply(OutputStream out, int status, String type, byte[] body, boolean close) throws IOException {
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : status == 404 ? " Not Found" : status == 503 ? " Service Unavailable" : " Error")
                + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + (close ? "\r\nConnection: close" : "") + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
    }

    /** Epoch ms of the envelope's top-level "time" attribute (the first "time" key), or -1. */
    static long envelopeTime(byte[] body) {
        outer:
        for (int i = 0; i <= body.length - TIME_KEY.length; i++) {
            for (int j = 0; j < TIME_KEY.length; j++) {
                if (body[i + j] != TIME_KEY[j]) {
                    continue outer;
                }
            }
            int start = i + TIME_KEY.length;
            int end = start;
            while (end < body.length && body[end] != '"') {
                end++;
            }
            try {
                return Instant.parse(new String(body, start, end - start, StandardCharsets.US_ASCII)).toEpochMilli();
            } catch (RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }

    private static String stats(Map<String, Target> targets) {
        StringBuilder out = new StringBuilder("{\"nowMs\":").append(System.currentTimeMillis()).append(",\"targets\":{");
        boolean first = true;
        for (Target t : targets.values()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(t.name).append("\":{\"requests\":").append(t.requests.sum())
                    .append(",\"distinct\":").append(t.events.size())
                    .append(",\"duplicates\":").append(t.duplicates.sum())
                    .append(",\"badTime\":").append(t.badTime.sum())
                    .append(",\"nonPut\":").append(t.nonPut.sum())
                    .append(",\"byCollection\":{");
            List<String> parts = new ArrayList<>();
            t.byCollection.forEach((c, n) -> parts.add("\"" + c.replace("\"", "") + "\":" + n.sum()));
            out.append(String.join(",", parts)).append("}}");
        }
        return out.append("}}").toString();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String key = args[i].substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    opts.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    opts.put(key, args[++i]);
                }
            }
        }
        return opts;
    }
}
