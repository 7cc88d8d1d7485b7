package dev.tributary.adapter.httpupsert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.json.HubJson;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import dev.tributary.targets.TargetMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The generic upsert: the event as published, to {@code PUT /{collection}/{externalId}}. */
public class HttpUpsertMapping implements TargetMapping {

    static final String ADAPTER = "http-upsert";

    private final ObjectMapper json = HubJson.create();

    @Override
    public String adapter() {
        return ADAPTER;
    }

    /** The path under the target's base URL. */
    static String path(TargetEvent event) {
        return "/" + event.collection() + "/" + TargetHttp.pathSegment(event.externalId());
    }

    @Override
    public List<JsonNode> requests(List<TargetEvent> events) {
        return events.stream().map(event -> {
            ObjectNode request = json.createObjectNode().put("method", "PUT").put("path", path(event));
            request.putObject("headers").put("Idempotency-Key", event.eventId()).put("ce-id", event.eventId());
            try {
                request.set("body", json.readTree(event.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return (JsonNode) request;
        }).toList();
    }
}
