package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.json.HubJson;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds adapters, events and independently computed signatures for the Kingdee tests. */
final class KingdeeTesting {

    static final ObjectMapper JSON = HubJson.create();
    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String APP_ID = "hubclient_MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw";
    static final String APP_SECRET = "test-secret";
    static final String SERVICE = "/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.";

    private KingdeeTesting() {
    }

    /** An adapter for {@code baseUrl} with the test credentials and {@code extra} settings (kebab-case keys). */
    static KingdeeAdapter adapter(String baseUrl, Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("tributary.targets.erp.acct-id", "hub-acct");
        properties.put("tributary.targets.erp.username", "hub-integration");
        properties.put("tributary.targets.erp.app-id", APP_ID);
        properties.put("tributary.targets.erp.app-secret", APP_SECRET);
        extra.forEach((k, v) -> properties.put("tributary.targets.erp." + k, v));
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        TargetContext context = new TargetContext("erp", baseUrl,
                new TargetHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), 8), JSON, CLOCK, binder);
        return (KingdeeAdapter) new KingdeeAdapter.Factory().create(context);
    }

    static KingdeeAdapter adapter(String baseUrl) {
        return adapter(baseUrl, Map.of());
    }

    /** A sample event from {@code src/test/resources/target-events/}. */
    static TargetEvent event(String name) {
        try {
            return TargetEvent.of(Files.readAllBytes(Path.of("src/test/resources/target-events", name + ".json")), JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TargetEvent> events(String... names) {
        return Arrays.stream(names).map(KingdeeTesting::event).toList();
    }

    /** The request bodies of a golden case, in order. */
    static List<JsonNode> golden(String caseName) {
        try {
            JsonNode expected = JSON.readTree(Files.readString(Path.of("mappings/kingdee-k3cloud", caseName + ".expected.json")));
            return expected.path("requests").findValues("body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** X-Api-Signature as the Kingdee SDKs compute it, written here without the adapter's code. */
    static String expectedApiSignature(String path, long epochSecond) throws Exception {
        byte[] masked = Base64.getDecoder().decode(APP_ID.substring(APP_ID.indexOf('_') + 1));
        byte[] key = "0054f397c6234378b09ca7d3e5debce7".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < masked.length; i++) {
            masked[i] = (byte) (masked[i] ^ key[i]);
        }
        String clientSecret = Base64.getEncoder().encodeToString(masked);
        String encodedPath = path.replace("/", "%2F");
        String content = "POST\n" + encodedPath + "\n\nx-api-nonce:" + epochSecond + "\nx-api-timestamp:" + epochSecond + "\n";
        return base64Hex(hmac(content, clientSecret));
    }

    /** X-Kd-Signature: HMAC-SHA256 of app id + app data with the app secret, hex, base64. */
    static String expectedKdSignature() throws Exception {
        return base64Hex(hmac(APP_ID + "hub-acct,hub-integration,2052,100", APP_SECRET));
    }

    static String expectedAppData() {
        return Base64.getEncoder().encodeToString("hub-acct,hub-integration,2052,100".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String content, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Hex(byte[] digest) {
        return Base64.getEncoder().encodeToString(HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII));
    }
}
