// Minimal HQ target sink for the Tributary benchmark: answers every upsert with 200 at once,
// counts it per target and records ingest-to-delivered latency = now - envelope.time.
//
// Run (JDK 17+, no build):  java -Dsun.net.httpserver.nodelay=true bench/Sink.java --port 0 --port-file /tmp/sink.port
//
// Targets are served under /<target>/... (default /crm and /erp), so the hub is pointed at
// HUB_CRM_URL=http://127.0.0.1:<port>/crm and HUB_ERP_URL=http://127.0.0.1:<port>/erp.
// Control endpoints (for the load generator):
//   GET /_bench/stats          JSON counts per target
//   GET /_bench/dump?target=t  one line per distinct event: "<Idempotency-Key> <latencyMs> <arrivalEpochMs> <deliveries>"
//   GET /_bench/health         "ok"
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        /** event key -> {latencyMs of first delivery, arrival epoch ms of first delivery, deliveries}. */
        final ConcurrentHashMap<String, long[]> events = new ConcurrentHashMap<>(1 << 17);

        Target(String name) {
            this.name = name;
        }
    }

    private static final byte[] TIME_KEY = "\"time\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_BODY = "{}".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        // Without this the JDK server answers keep-alive requests ~40 ms late (Nagle + delayed ACK).
        // Set before the server classes load; also pass -Dsun.net.httpserver.nodelay=true on the command line.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> opts = parse(args);
        int port = Integer.parseInt(opts.getOrDefault("port", "0"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "16"));
        String bind = opts.getOrDefault("bind", "127.0.0.1");
        Map<String, Target> targets = new LinkedHashMap<>();
        for (String t : opts.getOrDefault("targets", "crm,erp").split(",")) {
            targets.put(t.trim(), new Target(t.trim()));
        }

        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
        for (Target target : targets.values()) {
            server.createContext("/" + target.name, exchange -> upsert(exchange, target));
        }
        server.createContext("/_bench/stats", exchange -> reply(exchange, 200, "application/json", stats(targets)));
        server.createContext("/_bench/health", exchange -> reply(exchange, 200, "text/plain", "ok"));
        server.createContext("/_bench/dump", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String name = query != null && query.startsWith("target=") ? query.substring(7) : "";
            Target target = targets.get(name);
            if (target == null) {
                reply(exchange, 404, "text/plain", "unknown target " + name);
                return;
            }
            StringBuilder out = new StringBuilder(target.events.size() * 64);
            target.events.forEach((key, rec) -> out.append(key).append(' ').append(rec[0]).append(' ')
                    .append(rec[1]).append(' ').append(rec[2]).append('\n'));
            reply(exchange, 200, "text/plain", out.toString());
        });
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.start();
        int actual = server.getAddress().getPort();
        if (opts.containsKey("port-file")) {
            Path file = Path.of(opts.get("port-file"));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(actual));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("sink listening on http://" + bind + ":" + actual + " targets " + targets.keySet()
                + " nodelay=" + System.getProperty("sun.net.httpserver.nodelay"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            executor.shutdownNow();
        }));
        Thread.currentThread().join();
    }

    private static void upsert(HttpExchange exchange, Target target) throws IOException {
        long now = System.currentTimeMillis();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            target.requests.increment();
            if (!"PUT".equals(exchange.getRequestMethod())) {
                target.nonPut.increment();
            }
            String path = exchange.getRequestURI().getPath();
            int slash = path.indexOf('/', 1);
            int next = slash < 0 ? -1 : path.indexOf('/', slash + 1);
            String collection = slash < 0 ? "" : next < 0 ? path.substring(slash + 1) : path.substring(slash + 1, next);
            target.byCollection.computeIfAbsent(collection, c -> new LongAdder()).increment();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key == null) {
                key = exchange.getRequestHeaders().getFirst("ce-id");
            }
            if (key == null) {
                key = path;
            }
            long time = envelopeTime(body);
            long latency;
            if (time < 0) {
                target.badTime.increment();
                latency = -1;
            } else {
                latency = now - time;
            }
            long[] fresh = {latency, now, 1};
            long[] existing = target.events.putIfAbsent(key, fresh);
            if (existing != null) {
                synchronized (existing) {
                    existing[2]++;
                }
                target.duplicates.increment();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, OK_BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(OK_BODY);
            }
        }
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

    private static void reply(HttpExchange exchange, int status, String type, String text) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
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
