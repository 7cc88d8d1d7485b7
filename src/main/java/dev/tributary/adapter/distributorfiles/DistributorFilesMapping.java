package dev.tributary.adapter.distributorfiles;

import dev.tributary.ingest.IncomingRecord;
import dev.tributary.ingest.SourceMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code distributor-files} adapter's mapping: every order of one distributor file, read with
 * the default headers, as records for intake.
 */
public class DistributorFilesMapping implements SourceMapping {

    /** The adapter's name, and the source system of its records. */
    public static final String SYSTEM = "distributor-files";

    public DistributorFilesMapping() {
        // discovered by the golden-case test and the hub by its interface
    }

    @Override
    public String adapter() {
        return SYSTEM;
    }

    @Override
    public List<IncomingRecord> map(String region, String inputName, byte[] input) {
        Path file = null;
        try {
            file = Files.createTempFile("distributor-file-", ".input");
            Files.write(file, input);
            List<IncomingRecord> records = new ArrayList<>();
            try (OrderFileReader reader = OrderFileReader.open(file, HeaderMapping.defaults(), null, fileKey(input))) {
                for (FileOrder order = reader.next(); order != null; order = reader.next()) {
                    records.add(order.record());
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temporary folder
                }
            }
        }
    }

    /** The first 16 hex digits of the SHA-256 of {@code content}: the same file, the same key. */
    public static String fileKey(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
