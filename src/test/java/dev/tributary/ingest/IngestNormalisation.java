package dev.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/** Ingest's normalisation for tests in other packages that feed records past the HTTP endpoint. */
public final class IngestNormalisation {

    private IngestNormalisation() {
    }

    /** Normalises {@code data} in place as ingest does for {@code region} (country {@code regionCountry}). */
    public static void normalise(JsonNode data, String region, String regionCountry) {
        CanonicalNormaliser.normalise(data, region, regionCountry);
    }
}
