package dev.tributary.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * What an adapter is made with: the target's name ({@code crm}), its HTTP client and base URL,
 * the hub's JSON mapper and clock, and its own settings under {@code tributary.targets.<target>}.
 */
public record TargetContext(String target, String baseUrl, TargetHttp http, ObjectMapper json, Clock clock,
        Binder binder) {

    /** The adapter's own settings (a record with defaults) bound from {@code tributary.targets.<target>}. */
    public <T> T settings(Class<T> type) {
        return binder.bindOrCreate("tributary.targets." + target, Bindable.of(type));
    }

    /**
     * Refuses to start the target when a required setting is blank: a hub that accepted events it
     * could only dead-letter would mislead every region. {@code namesAndValues}: each setting's YAML
     * name followed by its value.
     */
    public void require(String... namesAndValues) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null || namesAndValues[i + 1].isBlank()) {
                missing.add(namesAndValues[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("target " + target + " is not configured: " + String.join(", ", missing)
                    + " not set (tributary.targets." + target + ".*)");
        }
    }

    /** {@code baseUrl} without a trailing '/', followed by {@code path}. */
    public String url(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
