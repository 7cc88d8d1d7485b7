package dev.tributary.it;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.crash.HubProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the packaged jar runs from a directory holding nothing of the repository (routes,
 * Kamelets, broker.xml and regions come from the jar), and that a file under {@code config/} in
 * the working directory replaces the shipped one.
 */
class RunsFromAnywhereIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "HUB_REGION_CN_EAST_API_KEY", "anywhere-cn-east-key",
            "HUB_REGION_AP_SOUTH_API_KEY", "anywhere-ap-south-key",
            "HUB_CRM_URL", HubITSupport.CRM.baseUrl() + "/crm",
            "HUB_ERP_URL", HubITSupport.ERP.baseUrl() + "/erp");

    @TempDir
    Path elsewhere;

    private HubProcess hub;

    @BeforeEach
    void healthyTargets() {
        HubITSupport.healthyTargets();
    }

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void should_run_from_an_empty_directory_with_the_configuration_shipped_in_the_jar() throws Exception {
        start();

        HttpResponse<String> answer = post("cn-east", "anywhere-cn-east-key",
                HubITSupport.orderItem("ANYWHERE-1", "C-ANYWHERE-1", HubITSupport.uscc("anywhere-1")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> HubITSupport.CRM.verify(
                putRequestedFor(urlPathMatching("/crm/orders/.*ANYWHERE-1.*"))));
        assertThat(elsewhere.resolve("data/broker")).as("the journal under the working directory").isDirectory();
    }

    @Test
    void should_take_the_regions_file_of_the_working_directory_over_the_shipped_one() throws Exception {
        Files.createDirectories(elsewhere.resolve("config"));
        Files.writeString(elsewhere.resolve("config/regions.yml"), """
                tributary:
                  regions:
                    ap-south:
                      name: South Asia (Bengaluru)
                      country: IN
                """);
        start();

        HttpResponse<String> answer = post("ap-south", "anywhere-ap-south-key", HubITSupport.orderItem("ANYWHERE-2",
                "C-ANYWHERE-2", HubITSupport.uscc("anywhere-2")).replace("\"cn-east\"", "\"ap-south\""));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(post("cn-east", "anywhere-cn-east-key", HubITSupport.orderItem("ANYWHERE-3", "C-ANYWHERE-3",
                HubITSupport.uscc("anywhere-3"))).statusCode()).as("a shipped region the file leaves out").isIn(401, 404);
    }

    private void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        hub = new HubProcess(port, elsewhere.resolve("data"), elsewhere.resolve("hub.log"), List.of(), elsewhere,
                ENVIRONMENT);
        hub.start();
    }

    private HttpResponse<String> post(String region, String key, String item) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(hub.uri("/ingest/" + region + "/canonical"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(item)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
