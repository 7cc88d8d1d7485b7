package dev.tributary.adapter.distributorfiles;

import dev.tributary.config.RegionSources;
import dev.tributary.ingest.UnreadableInputException;
import dev.tributary.web.Answers;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /ingest/{region}/files} (multipart/form-data, part {@code file}): stores a
 * distributor's file in the region's watched folder — streamed to a hidden temp file, synced,
 * registered, then renamed into place — and answers 202 with its id; the folder route then reads
 * it like any dropped file. Authenticated like canonical ingest (the region's key or signature).
 */
@RestController
class FileUploadController {

    static final String PART = "file";
    /** Room for the multipart headers and delimiters around the file within the request's length. */
    private static final long ENVELOPE_BYTES = 64 * 1024;
    private static final int NAME_CHARS = 200;
    private static final Logger log = LoggerFactory.getLogger(FileUploadController.class);

    private final RegionSources sources;
    private final FileStore store;
    private final long maxBytes;

    FileUploadController(RegionSources sources, FileStore store,
            @Value("${tributary.files.max-upload-bytes:104857600}") long maxBytes) {
        this.sources = sources;
        this.store = store;
        this.maxBytes = maxBytes;
    }

    @PostMapping("/ingest/{region}/files")
    ResponseEntity<?> upload(@PathVariable String region, HttpServletRequest request) throws IOException {
        // read from the query string itself: asking the request for a parameter would make the
        // container parse (and spool) the whole multipart body before this method streams it
        String source = UriComponentsBuilder.newInstance().query(request.getQueryString()).build()
                .getQueryParams().getFirst("source");
        Optional<RegionSources.Declared> declared = sources.using(DistributorFilesRoutes.ADAPTER).stream()
                .filter(d -> d.region().equals(region) && (source == null || d.source().equals(source))).findFirst();
        if (declared.isEmpty()) {
            return Answers.problem(HttpStatus.NOT_FOUND, "No file source", "region " + region
                    + " takes no distributor files" + (source == null ? "" : " under the source name given"), request);
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return Answers.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "send the file as multipart/form-data in a part named '" + PART + "'", request);
        }
        String boundary = MultipartFilePart.boundary(contentType);
        if (boundary == null) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "No boundary",
                    "the multipart/form-data Content-Type has no usable boundary", request);
        }
        if (request.getContentLengthLong() > maxBytes + ENVELOPE_BYTES) {
            return tooLarge(request);
        }
        DistributorFilesSettings settings = sources.settings(declared.get(), DistributorFilesSettings.class);
        Path folder = Path.of(settings.folder()).toAbsolutePath().normalize();
        FileFolders.create(folder);
        Path temp = folder.resolve(".upload-" + UUID.randomUUID() + ".tmp");
        try {
            return store(declared.get(), folder, temp, boundary, request);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private ResponseEntity<?> store(RegionSources.Declared declared, Path folder, Path temp, String boundary,
            HttpServletRequest request) throws IOException {
        MessageDigest sha256 = sha256();
        MultipartFilePart.Part part;
        long size;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CountingOutputStream counted = new CountingOutputStream(
                    new DigestOutputStream(Channels.newOutputStream(channel), sha256));
            try (OutputStream out = new BufferedOutputStream(counted, 64 * 1024) {
                @Override
                public void close() throws IOException {
                    flush(); // the channel is closed by its own try, after it is synced
                }
            }) {
                part = MultipartFilePart.copy(request.getInputStream(), boundary, PART, out, maxBytes);
            }
            size = counted.count;
            channel.force(true);
        } catch (MultipartFilePart.TooLarge e) {
            return tooLarge(request);
        } catch (MultipartFilePart.Malformed e) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Malformed multipart body", e.getMessage(), request);
        }
        if (part == null) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "No file", "the body has no part named '" + PART + "'", request);
        }
        if (size == 0) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Empty file", "the part '" + PART + "' is empty", request);
        }
        String name = fileName(part.filename());
        if (!FileFolders.isInput(name)) {
            return Answers.problem(HttpStatus.BAD_REQUEST, "Reserved file name", "a file name ending in .rejects.csv,"
                    + " .error.txt, .tmp or .part is the hub's own; rename the file", request);
        }
        // a file no reading can take (an .xls, a binary, no header, a required column missing) is
        // refused now, while the distributor is still there to read why, not answered 202
        DistributorFilesSettings settings = sources.settings(declared, DistributorFilesSettings.class);
        try (OrderFileReader probe = OrderFileReader.open(temp, settings.headerMapping(), settings.charset(), "probe")) {
            // opened: the format, the encoding and the header can be read
        } catch (UnreadableInputException e) {
            return Answers.problem(HttpStatus.UNPROCESSABLE_ENTITY, "File cannot be read",
                    "the file cannot be read as distributor orders: " + e.getMessage(), request);
        }
        long id;
        try {
            id = store.register(declared.region(), declared.source(), name, temp.getFileName().toString(), size,
                    HexFormat.of().formatHex(sha256.digest()));
            String storedName = id + "-" + name;
            store.storedAs(id, storedName);
            FileFolders.moveAtomically(temp, folder.resolve(storedName));
        } catch (DataAccessException e) {
            log.warn("upload to {} answered 503, the database failed: {}", declared.region(), e.getClass().getSimpleName());
            return Answers.problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                    "the hub could not register the file; send it again later", request);
        }
        log.info("file {} ({}, {} bytes) uploaded to {}/{}", id, name, size, declared.region(), declared.source());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fileId", id);
        // the uploader reads the status with the key it uploaded with; operators also at /api/files/{id}
        String status = "/ingest/" + declared.region() + "/files/" + id;
        body.put("status", status);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(status)).body(body);
    }

    private ResponseEntity<?> tooLarge(HttpServletRequest request) {
        return Answers.problem(HttpStatus.PAYLOAD_TOO_LARGE, "File too large",
                "the file is more than the limit of " + maxBytes + " bytes; split it into smaller files", request);
    }

    /** The client's file name without any path, control characters or excess length. */
    static String fileName(String sent) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\\p{Cf}]", "").strip();
        if (name.length() > NAME_CHARS) {
            name = name.substring(name.length() - NAME_CHARS);
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "upload" : name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
