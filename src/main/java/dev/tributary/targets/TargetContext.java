package dev.tributary.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
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

    /** {@code baseUrl} without a trailing '/', followed by {@code path}. */
    public String url(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
