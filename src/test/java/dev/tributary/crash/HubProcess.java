package dev.tributary.crash;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged hub started as a separate JVM, so a test can kill it with SIGKILL and start it again. */
public final class HubProcess {

    /** The credentials the hub is started with, as an operator would set them: environment variables. */
    static final String CN_EAST_KEY = "crash-cn-east-key";
    static final String VIEWER_PASSWORD = "crash-viewer-password";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "HUB_REGION_CN_EAST_API_KEY", CN_EAST_KEY,
            "HUB_VIEWER_PASSWORD", VIEWER_PASSWORD,
            // the clients post as fast as the hub accepts; the rate limit is not under test here
            "HUB_INGEST_RATE_PER_SECOND", "100000");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private final File workingDirectory;
    private final Map<String, String> environment;

    HubProcess(int port, Path dataDir, Path log, List<String> settings) {
        this(port, dataDir, log, settings, Path.of("."), ENVIRONMENT);
    }

    /** A hub started in {@code workingDirectory} with {@code environment} (as an operator would run it). */
    public HubProcess(int port, Path dataDir, Path log, List<String> settings, Path workingDirectory,
            Map<String, String> environment) {
        this.workingDirectory = workingDirectory.toFile();
        this.environment = environment;
        String jar = System.getProperty("tributary.hub.jar", "target/tributary-0.1.0-SNAPSHOT.jar");
        this.port = port;
        this.log = log;
        this.command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", Path.of(jar).toAbsolutePath().toString(),
                "--server.port=" + port,
                "--tributary.broker.data-dir=" + dataDir.toAbsolutePath(),
                "--tributary.stats.log-interval=2s"));
        this.command.addAll(settings);
    }

    public void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .failFast("hub exited; see " + log, () -> !process.isAlive())
                .until(this::healthy);
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
