package dev.tributary.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.config.HubProperties;
import dev.tributary.rejects.Rejection;
import dev.tributary.rejects.RejectionStore;
import dev.tributary.validation.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ingest/{region}/canonical}: one item or an array of items. Answers 202 once every
 * accepted event is durable on the broker, 207 when some items were rejected and others accepted,
 * 422 when every item was rejected, 400/413/415 for a body that cannot be read, 404 for an
 * unknown region and 503 (with Retry-After) when the broker or the database cannot take the input.
 * Every rejected input is stored with its reasons.
 */
@RestController
class IngestController {

    static final String RETRY_AFTER_SECONDS = "5";
    /** The name this endpoint goes by in intake's per-source counts. */
    static final String CANONICAL_SOURCE = "canonical";
    private static final long ADMISSION_WAIT_SECONDS = 5;
    /** Most of a streamed body over the limit read (and dropped) before it is answered 413. */
    private static final long DRAIN_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    private final HubProperties properties;
    private final IngestBody bodies;
    private final SubmissionReader reader;
    private final Intake intake;
    private final RejectionStore rejections;
    /** Requests read at once: each holds its body, text and tree in memory. */
    private final Semaphore admission;

    IngestController(HubProperties properties, ObjectMapper mapper, SubmissionReader reader, Intake intake,
            RejectionStore rejections) {
        this.properties = properties;
        this.bodies = new IngestBody(mapper, properties.ingest().maxBodyBytes(), properties.ingest().maxBatch());
        this.reader = reader;
        this.intake = intake;
        this.rejections = rejections;
        this.admission = new Semaphore(properties.ingest().maxConcurrent(), true);
    }

    @PostMapping("/ingest/{region}/canonical")
    ResponseEntity<?> ingest(@PathVariable String region, HttpServletRequest request) throws IOException {
        boolean admitted;
        try {
            admitted = admission.tryAcquire(ADMISSION_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            return unavailable("Busy", "the hub is reading as many requests as it may at once; send again shortly");
        }
        try {
            return read(region, request);
        } finally {
            admission.release();
        }
    }

    private ResponseEntity<?> read(String region, HttpServletRequest request) throws IOException {
        HubProperties.Region known = properties.regions().get(region);
        if (known == null || !known.enabled()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown region", "there is no enabled region with this id", null);
        }
        int limit = properties.ingest().maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            // refused unread, so nothing is stored; a body up to the drain size is still read off the
            // connection first, so that the client gets the answer after it has finished sending
            BodyReader.drain(request.getInputStream(), DRAIN_BYTES);
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", "the body is "
                    + request.getContentLengthLong() + " bytes, more than the limit of " + limit
                    + " bytes; send fewer items per request", null);
        }
        MediaType contentType;
        try {
            contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "the Content-Type cannot be read; send application/json", null);
        }
        if (contentType != null && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
                && !"json".equals(contentType.getSubtypeSuffix())) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type is " + contentType.getType() + "/" + contentType.getSubtype()
                            + "; send application/json", null);
        }
        String text;
        try {
            text = BodyReader.decode(BodyReader.read(request.getInputStream(), limit), contentType);
        } catch (BodyReader.TooLarge e) {
            BodyReader.drain(request.getInputStream(), DRAIN_BYTES);
            String detail = "the body is more than the limit of " + limit + " bytes; send fewer items per request";
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", detail,
                    rejectWhole(region, detail, BodyReader.sample(e.head)));
        } catch (BodyReader.BadEncoding e) {
            return problem(HttpStatus.BAD_REQUEST, "Bad encoding", e.getMessage(),
                    rejectWhole(region, e.getMessage(), ""));
        }
        List<IngestBody.Item> items;
        try {
            items = bodies.read(text);
        } catch (IngestBody.Unreadable e) {
            return problem(e.status, e.title, e.getMessage(), rejectWhole(region, e.getMessage(), text));
        }
        return accept(region, items, request.getHeader("traceparent"));
    }

    private ResponseEntity<?> accept(String region, List<IngestBody.Item> items, String traceParent) {
        String traceId = traceParent != null && traceParent.length() <= 128 ? traceParent : UUID.randomUUID().toString();
        List<ItemResult> read = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            read.add(reader.read(region, i, items.get(i), traceId));
        }
        Intake.Outcome outcome;
        try {
            outcome = intake.submit(region, CANONICAL_SOURCE, Rejection.INGEST, read);
        } catch (EventLedger.Busy e) {
            return unavailable("Being accepted", "events of this request are being accepted by another request"
                    + " right now; nothing of this one was accepted, send it again");
        } catch (BrokerUnavailableException e) {
            log.warn("ingest for {} answered 503: {}", region, e.getMessage());
            return unavailable("Broker unavailable",
                    "the events could not be made durable; nothing was accepted, send them again later");
        } catch (DataAccessException e) {
            if (e instanceof DataIntegrityViolationException) {
                throw e; // not an outage: a retry would fail the same way, so the answer is a 500
            }
            log.warn("ingest for {} answered 503, the database failed: {}", region, e.getClass().getSimpleName());
            return unavailable("Database unavailable",
                    "the hub could not record the request; nothing was accepted, send it again later");
        }
        List<Map<String, Object>> accepted = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < outcome.results().size(); i++) {
            ItemResult r = outcome.results().get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", r.index());
            if (r.isAccepted()) {
                entry.put("eventId", r.submission().eventId());
                if (outcome.repeated().get(i)) {
                    entry.put("repeated", true);
                }
                if (!r.warnings().isEmpty()) {
                    // paths in the item, as the errors of a rejected item are
                    entry.put("warnings", r.warnings().stream()
                            .map(w -> new FieldError("data." + w.field(), w.message())).toList());
                }
                accepted.add(entry);
            } else {
                Long rejectionId = outcome.rejectionIds().get(i);
                if (rejectionId != null) {
                    entry.put("rejectionId", rejectionId);
                } else {
                    entry.put("stored", false); // over the region's budget of stored rejections
                }
                entry.put("errors", r.errors());
                rejected.add(entry);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted);
        body.put("rejected", rejected);
        HttpStatusCode status = rejected.isEmpty() ? HttpStatus.ACCEPTED
                : accepted.isEmpty() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.MULTI_STATUS;
        return ResponseEntity.status(status).body(body);
    }

    private Long rejectWhole(String region, String reason, String payload) {
        return rejections.save(new Rejection(null, region, Rejection.INGEST, null, null, null, null,
                List.of(new FieldError("body", reason)), payload, Instant.now()));
    }

    private static ResponseEntity<ProblemDetail> unavailable(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, Long rejectionId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (rejectionId != null) {
            problem.setProperty("rejectionId", rejectionId);
            problem.setInstance(URI.create("/api/rejected/" + rejectionId));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
