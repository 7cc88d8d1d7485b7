// Minimal HQ target sink for the Tributary benchmark: answers every upsert with 200 at once,
// counts it per target and records ingest-to-delivered latency = now - envelope.time.
//
// Run (JDK 17+, no build):  java bench/Sink.java --port 0 --port-file /tmp/sink.port
//
// Targets are served under /<target>/... (default /crm and /erp), so the hub is pointed at
// HUB_CRM_URL=http://127.0.0.1:<port>/crm and HUB_ERP_URL=http://127.0.0.1:<port>/erp.
// Control endpoints (for the load generator):
//   GET /_bench/stats          JSON counts per target
//   GET /_bench/dump?target=t  one line per distinct event: "<Idempotency-Key> <latencyMs> <arrivalEpochMs> <deliveries>"
//   GET /_bench/health         "ok"
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
        /** event key -> {latencyMs of first delivery, arrival epoch ms of first delivery, deliveries}. */
        final ConcurrentHashMap<String, long[]> events = new ConcurrentHashMap<>(1 << 17);

        Target(String name) {
            this.name = name;
        }
    }

    private static final byte[] TIME_KEY = "\"time\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_BODY = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 16 * 1024;

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
                    .append(rec[1]).append(' ').append(rec[2]).append('\n'));
            reply(out, 200, "text/plain", text.toString().getBytes(StandardCharsets.UTF_8), close);
        } else {
            int slash = path.indexOf('/', 1);
            Target target = targets.get(slash < 0 ? path.substring(1) : path.substring(1, slash));
            if (target == null) {
                reply(out, 404, "text/plain", ("no target at " + path).getBytes(StandardCharsets.UTF_8), close);
                return;
            }
            upsert(r, target);
            reply(out, 200, "application/json", OK_BODY, close);
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
        long[] fresh = {latency, now, 1};
        long[] existing = target.events.putIfAbsent(key, fresh);
        if (existing != null) {
            synchronized (existing) {
                existing[2]++;
            }
            target.duplicates.increment();
        }
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
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : status == 404 ? " Not Found" : " Error")
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
