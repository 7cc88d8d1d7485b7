package dev.tributary.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Test fixture: the hub's {@link ObjectMapper} settings for tests that run without a Spring context. */
public final class HubObjectMapper {

    private HubObjectMapper() {
    }

    /** A new mapper with the hub's settings and the canonical JSON module ({@link HubJson}). */
    public static ObjectMapper create() {
        return HubJson.create();
    }
}
