package dev.tributary.adapter.sap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.json.HubJson;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds what dispatch would hand the adapter, without Spring: context, settings, sample events. */
final class SapTestSupport {

    static final ObjectMapper JSON = HubJson.create();
    static final String USER = "HUB_RFC";
    static final String PASSWORD = "test-only-password";

    private SapTestSupport() {
    }

    /** A context for target {@code erp} with user, password and the given extra settings (kebab-case keys). */
    static TargetContext context(String baseUrl, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>();
        properties.put("tributary.targets.erp.user", USER);
        properties.put("tributary.targets.erp.password", PASSWORD);
        settings.forEach((key, value) -> properties.put("tributary.targets.erp." + key, value));
        return new TargetContext("erp", baseUrl, new TargetHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), 8), JSON,
                Clock.systemUTC(), new Binder(new MapConfigurationPropertySource(properties)));
    }

    static SapAdapter adapter(TargetContext context) {
        return (SapAdapter) new SapAdapter.Factory().create(context);
    }

    /** A sample event from {@code src/test/resources/target-events/}. */
    static TargetEvent event(String name) {
        try {
            return TargetEvent.of(Files.readAllBytes(Path.of("src/test/resources/target-events", name + ".json")), JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of request {@code index} of a golden case, so that contract tests send what the golden cases show. */
    static String goldenBody(String caseName, int index) {
        try {
            JsonNode expected = JSON.readTree(Path.of("mappings/sap-s4-odata", caseName + ".expected.json").toFile());
            return expected.path("requests").get(index).path("body").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String odataError(String code, String message, String detailTarget) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en\",\"value\":\"" + message + "\"},"
                + "\"innererror\":{\"transactionid\":\"0A1B\",\"errordetails\":[{\"code\":\"" + code + "\",\"message\":\""
                + message + "\",\"propertyref\":\"\",\"severity\":\"error\",\"target\":\"" + detailTarget + "\"}]}}}";
    }
}
