package dev.tributary.adapter.distributorfiles;

import dev.tributary.ingest.IncomingRecord;
import dev.tributary.ingest.Intake;
import dev.tributary.ingest.IntakeUnavailableException;
import dev.tributary.ingest.RecordOutcome;
import dev.tributary.ingest.UnreadableInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads one file of a region's distributor-files source into intake, chunk by chunk, and files it
 * away: {@code done/} once every order was accepted or rejected (rejected rows in the file's record
 * and in {@code <name>.rejects.csv}), {@code error/} with the reason when it cannot be read at all.
 * The same content processed before is recorded as a duplicate and not read again. After each chunk
 * the rejected rows and the resume point are committed together, so a hub stopped mid-file resumes
 * after the last recorded chunk; a chunk that was accepted but not recorded is handed in again and
 * intake answers it as repeated (same event ids, nothing queued twice).
 */
@Component
class DistributorFileProcessor {

    /** What became of a file. RETRY: intake was unavailable or the content is busy; the file stays for the next poll. */
    enum Result { DONE, DUPLICATE, FAILED, RETRY }

    private static final Logger log = LoggerFactory.getLogger(DistributorFileProcessor.class);
    /** Hex digits of the content's SHA-256 that prefix the file's source event ids. */
    private static final int FILE_KEY_CHARS = 16;
    /** Reads of one file in a row that may stop with an internal error (or a crash) before it is FAILED. */
    static final int MAX_ATTEMPTS = 3;

    /** Intake as the processor uses it; tests hand in their own without a broker. */
    interface Submitter {
        List<RecordOutcome> submit(String region, String source, List<IncomingRecord> records);
    }

    private final FileStore store;
    private final Submitter intake;

    @Autowired
    DistributorFileProcessor(FileStore store, Intake intake) {
        this(store, intake::submit);
    }

    DistributorFileProcessor(FileStore store, Submitter intake) {
        this.store = store;
        this.intake = intake;
    }

    Result process(String region, String source, DistributorFilesSettings settings, Path file) throws IOException {
        String name = file.getFileName().toString();
        long size = Files.size(file);
        String sha256 = sha256(file);
        Optional<SourceFile> waiting = store.waiting(region, source, name);
        if (waiting.isPresent() && waiting.get().sha256() != null && !waiting.get().sha256().equals(sha256)) {
            // the file was replaced under its name before it was read to the end: its progress and
            // rejected rows belong to the old content, so the new content starts a record of its own
            SourceFile replaced = waiting.get();
            store.fail(replaced.id(), "replaced by another file of the same name before it was read to the end;"
                    + " " + replaced.ordersDone() + " of its orders had been handed in");
            store.release(replaced.id());
            log.warn("file {} ({}) of {}/{} was replaced by new content after {} orders: the new content is read"
                    + " from its start", replaced.id(), name, region, source, replaced.ordersDone());
            waiting = Optional.empty();
        }
        Optional<SourceFile> owner = store.owner(region, source, sha256);
        SourceFile current = null;
        if (owner.isPresent()) {
            SourceFile first = owner.get();
            boolean same = first.storedName().equals(name) && waiting.map(w -> w.id() == first.id()).orElse(false);
            if (same) {
                current = first; // resumed after a stop mid-file
            } else if (first.status() == FileStatus.DONE || first.status() == FileStatus.DUPLICATE) {
                long id = waiting.map(SourceFile::id).orElseGet(() -> store.register(region, source, name, name, size, sha256));
                store.duplicate(id, size, sha256, first.id());
                FileFolders.moveInto(file, FileFolders.DONE, id);
                log.info("file {} ({}) of {}/{} has the content of file {}: not read again", id, name, region, source,
                        first.id());
                return Result.DUPLICATE;
            } else if (first.status() == FileStatus.FAILED) {
                store.release(first.id());
            } else {
                log.info("file {} of {}/{} has the content of file {}, which is not finished yet: it waits", name,
                        region, source, first.id());
                return Result.RETRY;
            }
        }
        if (current == null) {
            long id = waiting.map(SourceFile::id).orElseGet(() -> store.register(region, source, name, name, size, sha256));
            store.claim(id, size, sha256);
            current = store.find(id).orElseThrow();
        }
        return read(current, settings, file, sha256);
    }

    private Result read(SourceFile current, DistributorFilesSettings settings, Path file, String sha256)
            throws IOException {
        long id = current.id();
        String fileKey = sha256.substring(0, FILE_KEY_CHARS);
        // counted before reading, so that a read that kills the hub (out of memory) counts too
        int attempt = store.attempt(id);
        if (attempt > MAX_ATTEMPTS) {
            fail(id, file, "the hub stopped " + MAX_ATTEMPTS + " times in a row while reading this file, with an"
                    + " internal error each time (the hub's log has it); the file may be damaged or too large:"
                    + " save it again or split it, then send it again");
            return Result.FAILED;
        }
        try (OrderFileReader reader = OrderFileReader.open(file, settings.headerMapping(), settings.charset(), fileKey)) {
            store.ignoredColumns(id, reader.ignoredColumns());
            int skip = current.ordersDone();
            int index = 0;
            List<FileOrder> chunk = new ArrayList<>(settings.chunkSize());
            for (FileOrder order = reader.next(); order != null; order = reader.next()) {
                if (index++ < skip) {
                    continue; // recorded before a stop
                }
                chunk.add(order);
                if (chunk.size() == settings.chunkSize()) {
                    submit(current, chunk);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                submit(current, chunk);
            }
        } catch (UnreadableInputException e) {
            fail(id, file, e.getMessage());
            return Result.FAILED;
        } catch (IntakeUnavailableException e) {
            store.settled(id);
            log.warn("file {} of {}/{} waits for the next poll: {}", id, current.region(), current.source(),
                    e.getMessage());
            return Result.RETRY;
        } catch (RuntimeException e) {
            log.error("file {} of {}/{}: reading stopped with an internal error (attempt {} of {}); it is read again"
                    + " at the next poll", id, current.region(), current.source(), attempt, MAX_ATTEMPTS, e);
            return Result.RETRY;
        }
        List<RejectedRow> rejected = store.rejects(id);
        store.done(id);
        Path moved = FileFolders.moveInto(file, FileFolders.DONE, id);
        // beside the file under its done/ name, which is unique, so a later file of the same name keeps its own
        Path report = moved.resolveSibling(moved.getFileName() + FileFolders.REJECTS_SUFFIX);
        if (rejected.isEmpty()) {
            Files.deleteIfExists(report);
        } else {
            FileFolders.writeDurably(report, RejectReport.of(rejected));
        }
        SourceFile done = store.find(id).orElseThrow();
        log.info("file {} ({}) of {}/{} done: {} rows, {} orders accepted, {} rejected ({} rows)", id, done.name(),
                done.region(), done.source(), done.rowsRead(), done.ordersAccepted(), done.ordersRejected(),
                done.rowsRejected());
        return Result.DONE;
    }

    /** Hands one chunk of orders to intake and records what it answered, with the resume point after it. */
    private void submit(SourceFile file, List<FileOrder> chunk) {
        List<IncomingRecord> records = chunk.stream().map(FileOrder::record).toList();
        List<RecordOutcome> outcomes = intake.submit(file.region(), file.source(), records);
        int accepted = 0;
        int rows = 0;
        int lastRow = 0;
        List<RejectedRow> rejected = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            FileOrder order = chunk.get(i);
            rows += order.rows().size();
            lastRow = Math.max(lastRow, order.rows().stream().mapToInt(Integer::intValue).max().orElse(0));
            RecordOutcome outcome = outcomes.get(i);
            if (outcome.accepted()) {
                accepted++;
            } else {
                for (Map.Entry<Integer, String> reason : order.rowReasons(outcome.errors()).entrySet()) {
                    rejected.add(new RejectedRow(reason.getKey(), order.orderNumber(), reason.getValue()));
                }
            }
        }
        store.recordChunk(file.id(), new FileStore.Chunk(chunk.size(), rows, accepted, chunk.size() - accepted,
                rejected, lastRow + 1));
    }

    private void fail(long id, Path file, String reason) throws IOException {
        store.fail(id, reason);
        store.release(id); // the same bytes may be read once the source's settings change
        Path moved = FileFolders.moveInto(file, FileFolders.ERROR, id);
        FileFolders.writeDurably(moved.resolveSibling(moved.getFileName() + FileFolders.ERROR_SUFFIX),
                (reason + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        log.warn("file {} ({}) cannot be read, moved to {}: {}", id, file.getFileName(), FileFolders.ERROR, reason);
    }

    static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
