package dev.tributary.crash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tributary.validation.UnifiedSocialCreditCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proves guarantee 5: a kill -9 of the hub, with its embedded broker, while clients are posting and
 * events are being delivered loses no acknowledged event. Every event id the hub answered 202 for
 * reaches both targets after the hub restarts from its journal. Runs in the {@code crash} profile.
 */
class HubKillCrashIT {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([0-9a-f-]{36})\"");
    private static final int CLIENTS = 6;
    private static final int BATCH = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private WireMockServer crm;
    private WireMockServer erp;
    private HubProcess hub;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (hub != null) {
            hub.stop();
        }
        if (crm != null) {
            crm.stop();
            erp.stop();
        }
    }

    @Test
    void should_lose_no_acknowledged_event_when_the_hub_is_killed_mid_stream() throws Exception {
        crm = target(0);
        erp = target(5); // a slower ERP keeps a backlog in the broker when the kill comes
        Path dir = Files.createDirectories(Path.of("target", "crash", "kill-" + System.currentTimeMillis()));
        int port = freePort();
        hub = new HubProcess(port, dir.resolve("data"), dir.resolve("hub.log"), List.of(
                "--tributary.targets.crm.base-url=" + crm.baseUrl() + "/crm",
                "--tributary.targets.erp.base-url=" + erp.baseUrl() + "/erp"));
        hub.start();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger sequence = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> postUntilStopped(sequence)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 1_500);
        hub.kill();
        int acknowledgedAtKill = acknowledged.size();
        hub.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedAtKill + 500);
        clients.shutdownNow();
        clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);

        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> delivered(crm).containsAll(acknowledged) && delivered(erp).containsAll(acknowledged));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> missingCrm = new java.util.TreeSet<>(acknowledged);
            missingCrm.removeAll(delivered(crm));
            Set<String> missingErp = new java.util.TreeSet<>(acknowledged);
            missingErp.removeAll(delivered(erp));
            System.out.printf("acknowledged %d (at kill %d), missing crm %d %s, erp %d %s; stats %s%n",
                    acknowledged.size(), acknowledgedAtKill, missingCrm.size(),
                    missingCrm.stream().limit(5).toList(), missingErp.size(), missingErp.stream().limit(5).toList(),
                    http.send(HttpRequest.newBuilder(hub.uri("/api/stats")).header("Authorization", "Basic "
                            + java.util.Base64.getEncoder().encodeToString(("viewer:" + HubProcess.VIEWER_PASSWORD)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
            Files.writeString(dir.resolve("acknowledged.txt"), String.join("\n", acknowledged));
        }
        assertThat(delivered(crm)).containsAll(acknowledged);
        assertThat(delivered(erp)).containsAll(acknowledged);
        System.out.printf("hub kill: %d events acknowledged (%d before the kill); crm received %d requests for %d events,"
                + " erp %d for %d%n", acknowledged.size(), acknowledgedAtKill, requests(crm), delivered(crm).size(),
                requests(erp), delivered(erp).size());
    }

    private void postUntilStopped(AtomicInteger sequence) {
        while (!Thread.currentThread().isInterrupted()) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                body.append(i == 0 ? "" : ",").append(order(sequence.incrementAndGet()));
            }
            body.append(']');
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(hub.uri("/ingest/cn-east/canonical"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + HubProcess.CN_EAST_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    Matcher m = EVENT_ID.matcher(response.body());
                    while (m.find()) {
                        acknowledged.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                sleepQuietly(); // hub down: a real client retries later
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> delivered(WireMockServer target) {
        return target.findAll(putRequestedFor(urlPathMatching("/.*"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).collect(Collectors.toSet());
    }

    private static int requests(WireMockServer target) {
        return target.findAll(putRequestedFor(urlPathMatching("/.*"))).size();
    }

    private static WireMockServer target(int delayMillis) {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
        server.start();
        server.stubFor(put(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)));
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String order(int n) {
        String first17 = "91310000" + String.format(Locale.ROOT, "%09d", n % 500);
        String uscc = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        return ("{\"type\":\"order\",\"sourceEventId\":\"crash-%d\",\"data\":{\"sourceRef\":{\"system\":\"fxiaoke\","
                + "\"sourceId\":\"K-%d\"},\"orderNumber\":\"K-%d\",\"customerRef\":{\"sourceId\":\"C-%d\","
                + "\"unifiedSocialCreditCode\":\"%s\"},\"orderDate\":\"2026-11-20\",\"currency\":\"CNY\",\"lines\":"
                + "[{\"lineNo\":1,\"sku\":\"A\",\"quantity\":2,\"unitPrice\":10.00,\"lineTotal\":20.00,\"taxRate\":0.13}],"
                + "\"netTotal\":20.00,\"taxTotal\":2.60,\"grossTotal\":22.60,\"status\":\"SUBMITTED\","
                + "\"sourceUpdatedAt\":\"2026-11-20T08:00:00Z\"}}").formatted(n, n, n, n % 500, uscc);
    }
}
