package dev.tributary.adapter.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.json.HubJson;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Adapters, events and expected requests for the Salesforce tests, without Spring. */
final class SalesforceFixtures {

    static final String TARGET = "crm";
    static final String CLIENT_ID = "hub-client";
    static final String CLIENT_SECRET = "s3cr+t-value";

    static final ObjectMapper JSON = HubJson.create();

    private SalesforceFixtures() {
    }

    /** A context for target {@code crm} at {@code baseUrl} with {@code settings} (kebab-case keys). */
    static TargetContext context(String baseUrl, Map<String, String> settings) {
        Map<String, Object> properties = new HashMap<>();
        settings.forEach((key, value) -> properties.put("tributary.targets." + TARGET + "." + key, value));
        return new TargetContext(TARGET, baseUrl, new TargetHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), 8), JSON,
                Clock.systemUTC(), new Binder(new MapConfigurationPropertySource(properties)));
    }

    /** The adapter as the factory makes it, with the test credentials. */
    static SalesforceAdapter adapter(String baseUrl, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("client-id", CLIENT_ID, "client-secret", CLIENT_SECRET));
        all.putAll(settings);
        return (SalesforceAdapter) new SalesforceAdapter.Factory().create(context(baseUrl, all));
    }

    /** An adapter for a {@link SimulatedSalesforce}. */
    static SalesforceAdapter adapter(SimulatedSalesforce simulator) {
        return adapter(simulator.baseUrl(), Map.of("client-id", SimulatedSalesforce.CLIENT_ID,
                "client-secret", SimulatedSalesforce.CLIENT_SECRET));
    }

    /** A sample event of {@code src/test/resources/target-events/<name>.json}. */
    static TargetEvent event(String name) {
        try (InputStream in = SalesforceFixtures.class.getResourceAsStream("/target-events/" + name + ".json")) {
            return TargetEvent.of(in.readAllBytes(), JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TargetEvent> events(String... names) {
        return java.util.Arrays.stream(names).map(SalesforceFixtures::event).toList();
    }

    /** The requests of golden case {@code mappings/salesforce/<name>.expected.json}. */
    static List<JsonNode> goldenRequests(String name) {
        try {
            JsonNode expected = JSON.readTree(Files.readString(Path.of("mappings/salesforce/" + name + ".expected.json")));
            List<JsonNode> requests = new java.util.ArrayList<>();
            expected.path("requests").forEach(requests::add);
            return requests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
