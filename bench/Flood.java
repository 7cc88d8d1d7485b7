import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Floods one ingest endpoint with rejects for a fixed time and prints what it was answered, in
 * turn: a malformed body (~512 KB), valid JSON whose one item is rejected (~512 KB), and 500
 * rejected items of ~2 KB each (~1 MB).
 * Usage: java bench/Flood.java <baseUrl> <region> <apiKey> <seconds> <clients>
 */
public class Flood {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String region = args[1];
        String key = args[2];
        long seconds = Long.parseLong(args[3]);
        int clients = Integer.parseInt(args[4]);
        byte[] malformed = ("{\"type\": \"order\", \"data\": {\"x\": \"" + "z".repeat(512 * 1024))
                .getBytes(StandardCharsets.UTF_8);
        byte[] rejected = ("{\"type\": \"order\", \"sourceEventId\": \"e\", \"data\": {\"orderNumber\": \""
                + "9".repeat(512 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\": \"order\", \"sourceEventId\": \"fl-").append(i)
                    .append("\", \"data\": {\"sourceRef\": {\"system\": \"s\", \"sourceId\": \"x\"}, \"orderNumber\": \"N\",")
                    .append(" \"note\": \"").append("z".repeat(1900)).append("\"}}");
        }
        byte[] manyRejected = many.append("]").toString().getBytes(StandardCharsets.UTF_8);
        byte[][] kinds = {malformed, rejected, manyRejected};
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    byte[] body = kinds[(int) ((n++ + client) % kinds.length)];
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/ingest/" + region + "/canonical"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        bytes.addAndGet(body.length);
                        if (status == 429) {
                            Thread.sleep(5);
                        }
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                    }
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("flood: " + seconds + " s, " + clients + " clients, " + bytes.get() / (1024 * 1024)
                + " MiB sent; answers " + new TreeMap<>(statuses));
    }
}
