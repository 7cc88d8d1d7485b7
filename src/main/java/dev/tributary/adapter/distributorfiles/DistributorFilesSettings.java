package dev.tributary.adapter.distributorfiles;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The parameters of one {@code distributor-files} source of a region
 * ({@code tributary.regions.<region>.sources.<source>.*} in {@code config/regions.yml}).
 *
 * @param folder the watched folder; processed files go to its {@code done/}, unreadable ones to {@code error/}
 * @param encoding the files' encoding (UTF-8, GBK, GB18030), or empty to detect it per file
 * @param headers extra column names per canonical field, added to the built-in Chinese and English ones
 * @param pollDelay how long the folder route waits between two looks at the folder
 * @param settle how long a file must stay unchanged before it is read (a file still being copied is not)
 * @param chunkSize orders handed to intake at once; the resume point advances after each chunk
 */
public record DistributorFilesSettings(
        String folder,
        String encoding,
        Map<String, List<String>> headers,
        @DefaultValue("2s") Duration pollDelay,
        @DefaultValue("1s") Duration settle,
        @DefaultValue("500") int chunkSize) {

    public DistributorFilesSettings {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        encoding = encoding == null || encoding.isBlank() ? null : encoding.strip();
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk-size must be 1 or more, not " + chunkSize);
        }
        // checked here, when the hub binds the settings at start-up, not when a file is read: a typo
        // would otherwise leave every file of the source unread
        if (encoding != null) {
            try {
                Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("encoding '" + encoding + "' is not a charset this JVM knows;"
                        + " use UTF-8, GBK or GB18030, or leave it out to detect it per file");
            }
        }
        HeaderMapping.of(headers);
    }

    /** The configured encoding, or null to detect it. */
    Charset charset() {
        return encoding == null ? null : Charset.forName(encoding);
    }

    HeaderMapping headerMapping() {
        return headers.isEmpty() ? HeaderMapping.defaults() : HeaderMapping.of(headers);
    }
}
