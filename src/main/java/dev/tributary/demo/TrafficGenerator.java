package dev.tributary.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.security.RegionSettingNames;
import dev.tributary.security.RequestSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Posts a small batch to the hub's own ingest endpoint on every tick: customers, orders and
 * opportunities of a random demo region, now and then an invalid order, a repeated event, or a
 * body that is not JSON at all. It authenticates as that region would: with the region's key, and
 * signed when the region has an HMAC secret.
 */
@Component
@Profile("demo")
class TrafficGenerator {

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

    private final ObjectMapper mapper;
    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SplittableRandom random = new SplittableRandom(42);
    private final AtomicLong sequence = new AtomicLong(1000);
    private final long maxTicks;
    private volatile int port;
    private volatile boolean ready;
    private long ticks;
    private List<Object> lastBatch = List.of();

    TrafficGenerator(ObjectMapper mapper, Environment environment,
            @Value("${tributary.demo.max-ticks:100000}") long maxTicks) {
        this.mapper = mapper;
        this.environment = environment;
        this.maxTicks = maxTicks;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        ready = true;
        log.info("demo traffic generator posting to http://127.0.0.1:{}/ingest/{{region}}/canonical", port);
    }

    @Scheduled(fixedDelayString = "${tributary.demo.interval:1s}")
    void tick() {
        if (!ready || ticks++ >= maxTicks) {
            return;
        }
        DemoData.Company company = DemoData.COMPANIES.get(random.nextInt(DemoData.COMPANIES.size()));
        try {
            if (ticks % 15 == 0) {
                post(company.region(), "{\"type\": \"order\", \"data\": {\"orderNumber\": ");
                return;
            }
            if (ticks % 10 == 0 && !lastBatch.isEmpty()) {
                post(company.region(), mapper.writeValueAsString(lastBatch));
                return;
            }
            List<Object> batch = new ArrayList<>();
            long n = sequence.incrementAndGet();
            if (ticks % 5 == 1) {
                batch.add(DemoData.customer(company, n));
            }
            Map<String, Object> order = DemoData.order(company, n, random);
            batch.add(order);
            batch.add(DemoData.opportunity(company, n, random));
            if (ticks % 4 == 0) {
                batch.add(DemoData.broken(DemoData.order(company, sequence.incrementAndGet(), random), ticks / 4));
            }
            lastBatch = batch;
            post(company.region(), mapper.writeValueAsString(batch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String region, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/" + region + "/canonical"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        String key = environment.getProperty(RegionSettingNames.apiKey(region));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        String secret = environment.getProperty(RegionSettingNames.hmacSecret(region));
        if (secret != null) {
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            request.header(RequestSignature.TIMESTAMP_HEADER, timestamp).header(RequestSignature.SIGNATURE_HEADER,
                    RequestSignature.sign(secret.strip().getBytes(StandardCharsets.UTF_8), timestamp, bytes));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // answers quote rejected values, which can be personal data: only the status is logged
            if (response.statusCode() >= 400 && response.statusCode() != 422) {
                log.info("demo POST to {} answered {}", region, response.statusCode());
            }
        } catch (java.io.IOException e) {
            log.warn("demo POST to {} failed: {}", region, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
