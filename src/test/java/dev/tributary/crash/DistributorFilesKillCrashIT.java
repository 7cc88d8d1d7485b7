package dev.tributary.crash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tributary.adapter.distributorfiles.DistributorFileGenerator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that a kill -9 of the hub in the middle of a distributor file loses and doubles nothing:
 * after the restart the file is resumed, every good order reaches each target, the file's counts add
 * up to the orders in it and it ends in done/. Runs in the {@code crash} profile.
 */
class DistributorFilesKillCrashIT {

    private static final int ROWS = 5_000;
    private static final int BAD_ROWS = 20;
    private static final String OPERATOR_PASSWORD = "crash-operator-password";
    private static final String SOURCE = "--tributary.regions.cn-east.sources.distributor-orders.";
    /** The generator's order numbers, e.g. SO01234-0000001; an order's upsert path ends with it. */
    private static final Pattern ORDER_NUMBER = Pattern.compile("(SO\\d{5}-\\d{7})$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
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
        }
        if (erp != null) {
            erp.stop();
        }
    }

    @Test
    void should_deliver_every_order_of_a_file_once_the_hub_killed_mid_file_is_restarted() throws Exception {
        crm = target();
        erp = target();
        Path dir = Files.createDirectories(Path.of("target", "crash", "files-kill-" + System.currentTimeMillis()))
                .toAbsolutePath();
        Path folder = Files.createDirectories(dir.resolve("inbox"));
        Map<String, String> environment = new HashMap<>(HubProcess.ENVIRONMENT);
        environment.put("HUB_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
        hub = new HubProcess(freePort(), dir.resolve("data"), dir.resolve("hub.log"), List.of(
                "--tributary.targets.crm.base-url=" + crm.baseUrl() + "/crm",
                "--tributary.targets.erp.base-url=" + erp.baseUrl() + "/erp",
                SOURCE + "folder=" + folder,
                SOURCE + "chunk-size=100",
                SOURCE + "poll-delay=200ms",
                SOURCE + "settle=200ms"), Path.of("."), environment);
        hub.start();

        // written beside the folder and moved in whole, as a distributor's upload tool would
        String name = "orders-" + System.currentTimeMillis() + ".csv";
        Path written = dir.resolve(name);
        DistributorFileGenerator.Summary summary = new DistributorFileGenerator(7).write(written, ROWS,
                DistributorFileGenerator.GBK, false, DistributorFileGenerator.spread(BAD_ROWS, ROWS, 7));
        Map<Integer, String> orderOfRow = orderNumbers(written);
        Set<String> all = new TreeSet<>(orderOfRow.values());
        Set<String> bad = summary.badRows().stream().map(orderOfRow::get).collect(Collectors.toCollection(TreeSet::new));
        Set<String> good = new TreeSet<>(all);
        good.removeAll(bad);
        assertThat(all).hasSize(summary.orders());
        assertThat(bad).as("each bad row is an order of its own").hasSize(BAD_ROWS);
        Files.move(written, folder.resolve(name));

        AtomicReference<JsonNode> atKill = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .failFast("the file was read to the end before the kill; make it bigger",
                        () -> "DONE".equals(status(name)))
                .until(() -> {
                    JsonNode file = file(name);
                    boolean midway = file != null && "PROCESSING".equals(file.get("status").asText())
                            && file.get("ordersAccepted").asInt() + file.get("ordersRejected").asInt() > 0;
                    if (midway) {
                        atKill.set(file);
                    }
                    return midway;
                });
        hub.kill();
        int doneAtKill = atKill.get().get("ordersAccepted").asInt() + atKill.get().get("ordersRejected").asInt();
        assertThat(Files.exists(folder.resolve(name))).as("the file stays in the folder until it is read").isTrue();

        hub.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> "DONE".equals(status(name)));
        JsonNode done = file(name);
        assertThat(done.get("ordersAccepted").asInt() + done.get("ordersRejected").asInt())
                .as("every order of the file counted once").isEqualTo(summary.orders());
        assertThat(done.get("ordersAccepted").asInt()).isEqualTo(good.size());
        assertThat(done.get("ordersRejected").asInt()).isEqualTo(bad.size());
        assertThat(done.get("rowsRejected").asInt()).isEqualTo(BAD_ROWS);
        assertThat(done.get("rowsRead").asInt()).as("rows counted once: resumed, not read again").isEqualTo(ROWS);
        assertThat(Files.exists(folder.resolve("done").resolve(name))).as("the file is in done/").isTrue();
        assertThat(Files.exists(folder.resolve(name))).isFalse();

        for (WireMockServer target : List.of(crm, erp)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> delivered(target).containsAll(good));
            Thread.sleep(1000); // an order that should not be delivered would arrive by now
            assertThat(delivered(target)).as("every good order delivered, no rejected one").isEqualTo(good);
        }
        System.out.printf("files kill: %d rows, %d orders (%d bad), killed after %d orders; crm %d upserts for %d orders,"
                + " erp %d for %d%n", ROWS, summary.orders(), bad.size(), doneAtKill, upserts(crm),
                delivered(crm).size(), upserts(erp), delivered(erp).size());
    }

    /** The order number of each data row (1-based, header excluded): the first column of the generated file. */
    private static Map<Integer, String> orderNumbers(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, DistributorFileGenerator.GBK);
        Map<Integer, String> numbers = new HashMap<>();
        for (int row = 1; row < lines.size(); row++) {
            numbers.put(row, lines.get(row).substring(0, lines.get(row).indexOf(',')));
        }
        return numbers;
    }

    private String status(String name) throws Exception {
        JsonNode file = file(name);
        return file == null ? null : file.get("status").asText();
    }

    /** The file's entry in {@code GET /api/files?region=cn-east}, or null while the hub has not registered it or is down. */
    private JsonNode file(String name) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(hub.uri("/api/files?region=cn-east"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            for (JsonNode file : json.readTree(response.body())) {
                if (name.equals(file.get("name").asText())) {
                    return file;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The distinct orders a target received an upsert for, by the order number its path ends with. */
    private static Set<String> delivered(WireMockServer target) {
        Set<String> orders = new TreeSet<>();
        target.findAll(putRequestedFor(urlPathMatching("/[a-z]+/orders/.*"))).forEach(request -> {
            Matcher m = ORDER_NUMBER.matcher(URLDecoder.decode(request.getUrl(), StandardCharsets.UTF_8));
            if (m.find()) {
                orders.add(m.group(1));
            }
        });
        return orders;
    }

    private static int upserts(WireMockServer target) {
        return target.findAll(putRequestedFor(urlPathMatching("/[a-z]+/orders/.*"))).size();
    }

    private static WireMockServer target() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
        server.start();
        server.stubFor(put(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)));
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
