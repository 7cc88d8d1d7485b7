package dev.tributary.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.config.HubProperties;
import dev.tributary.ops.HubMetrics;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * unknown region and 503 (with Retry-After) when the broker cannot make the events durable.
 * Every rejected input is stored with its reasons.
 */
@RestController
class IngestController {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    private final HubProperties properties;
    private final ObjectMapper mapper;
    private final SubmissionReader reader;
    private final InboundPublisher publisher;
    private final RejectionStore rejections;
    private final HubMetrics metrics;

    IngestController(HubProperties properties, ObjectMapper mapper, SubmissionReader reader,
            InboundPublisher publisher, RejectionStore rejections, HubMetrics metrics) {
        this.properties = properties;
        this.mapper = mapper;
        this.reader = reader;
        this.publisher = publisher;
        this.rejections = rejections;
        this.metrics = metrics;
    }

    @PostMapping("/ingest/{region}/canonical")
    ResponseEntity<?> ingest(@PathVariable String region, HttpServletRequest request) throws IOException {
        HubProperties.Region known = properties.regions().get(region);
        if (known == null || !known.enabled()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown region",
                    "there is no enabled region '" + region + "'", null);
        }
        int limit = properties.ingest().maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            String detail = "the body is " + request.getContentLengthLong() + " bytes, more than the limit of "
                    + limit + " bytes; send fewer items per request";
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", detail, rejectWhole(region, "body", detail, ""));
        }
        MediaType contentType;
        try {
            contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type '" + request.getContentType() + "' cannot be read; send application/json", null);
        }
        if (contentType != null && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
                && !"json".equals(contentType.getSubtypeSuffix())) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type is " + contentType + "; send application/json", null);
        }
        byte[] body;
        String text;
        try {
            body = BodyReader.read(request.getInputStream(), limit);
            text = BodyReader.decode(body, contentType);
        } catch (BodyReader.TooLarge e) {
            String detail = "the body is more than the limit of " + limit + " bytes; send fewer items per request";
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", detail,
                    rejectWhole(region, "body", detail, BodyReader.sample(e.head)));
        } catch (BodyReader.BadEncoding e) {
            return problem(HttpStatus.BAD_REQUEST, "Bad encoding", e.getMessage(),
                    rejectWhole(region, "body", e.getMessage(), ""));
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String detail = "malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage();
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", detail, rejectWhole(region, "body", detail, text));
        }
        if (root == null || !(root.isObject() || root.isArray()) || (root.isArray() && root.isEmpty())) {
            String detail = "the body must be one item {type, sourceEventId, data} or a non-empty array of items";
            return problem(HttpStatus.BAD_REQUEST, "Not an ingest request", detail,
                    rejectWhole(region, "body", detail, text));
        }
        if (root.isArray() && root.size() > properties.ingest().maxBatch()) {
            String detail = "the array has " + root.size() + " items; at most " + properties.ingest().maxBatch()
                    + " are accepted per request";
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too many items", detail,
                    rejectWhole(region, "body", detail, BodyReader.sample(body)));
        }
        return accept(region, root, request.getHeader("traceparent"));
    }

    private ResponseEntity<?> accept(String region, JsonNode root, String traceParent) {
        String traceId = traceParent != null ? traceParent : UUID.randomUUID().toString();
        List<ItemResult> results = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        for (int i = 0; i < items.size(); i++) {
            results.add(reader.read(region, i, items.get(i), traceId));
        }
        List<ItemResult> rejected = results.stream().filter(r -> !r.isAccepted()).toList();
        List<Long> rejectionIds = rejections.saveAll(rejected.stream().map(r -> toRejection(region, r)).toList());
        List<Submission> accepted = results.stream().filter(ItemResult::isAccepted).map(ItemResult::submission).toList();
        try {
            publisher.publish(accepted);
        } catch (BrokerUnavailableException e) {
            log.warn("ingest for {} answered 503: {}", region, e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the events could not be made durable; nothing was accepted, send them again later");
            problem.setTitle("Broker unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
        }
        accepted.forEach(s -> metrics.received(region));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", results.stream().filter(ItemResult::isAccepted)
                .map(r -> Map.of("index", r.index(), "eventId", r.submission().eventId(),
                        "globalCustomerId", r.submission().globalCustomerId()))
                .toList());
        List<Map<String, Object>> rejectedBody = new ArrayList<>();
        for (int i = 0; i < rejected.size(); i++) {
            rejectedBody.add(Map.of("index", rejected.get(i).index(), "rejectionId", rejectionIds.get(i),
                    "errors", rejected.get(i).errors()));
        }
        body.put("rejected", rejectedBody);
        HttpStatusCode status = rejected.isEmpty() ? HttpStatus.ACCEPTED
                : accepted.isEmpty() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.MULTI_STATUS;
        return ResponseEntity.status(status).body(body);
    }

    private Rejection toRejection(String region, ItemResult r) {
        JsonNode sourceRef = r.raw().path("data").path("sourceRef");
        if (sourceRef.isMissingNode()) {
            sourceRef = r.raw().path("data").path("sourceRefs").path(0);
        }
        return new Rejection(null, region, Rejection.INGEST, r.type() == null ? null : r.type().wireName(),
                textOrNull(sourceRef.path("system")), textOrNull(sourceRef.path("sourceId")), r.sourceEventId(),
                r.errors(), r.raw().toString(), Instant.now());
    }

    private long rejectWhole(String region, String field, String reason, String payload) {
        return rejections.save(new Rejection(null, region, Rejection.INGEST, null, null, null, null,
                List.of(new FieldError(field, reason)), payload, Instant.now()));
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

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String textOrNull(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
