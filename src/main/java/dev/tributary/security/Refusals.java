package dev.tributary.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes every refusal the same way: an {@code application/problem+json} body with a readable
 * title and detail (never a stack trace or the presented credential), a counter
 * ({@code tributary.ingest.refused} by region and reason, {@code tributary.api.refused} by reason)
 * and a WARN line naming the caller's address, not its credential.
 */
@Component
class Refusals {

    static final String INGEST_REFUSED = "tributary.ingest.refused";
    static final String API_REFUSED = "tributary.api.refused";
    /** Region tag of requests to a region that does not exist, so callers cannot mint new meters. */
    static final String UNKNOWN_REGION = "unknown";

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);
    private static final String BEARER_CHALLENGE = "Bearer realm=\"tributary\"";
    private static final String BASIC_CHALLENGE = "Basic realm=\"tributary\"";

    private final MeterRegistry registry;
    private final ObjectMapper mapper;

    Refusals(MeterRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    /** Refuses an ingest request; {@code region} is a known region id or {@link #UNKNOWN_REGION}. */
    void ingest(HttpServletRequest request, HttpServletResponse response, String region, Refusal refusal,
            String detail, long retryAfterSeconds) throws IOException {
        Counter.builder(INGEST_REFUSED).tag("region", region).tag("reason", refusal.tag()).register(registry).increment();
        log.warn("refused {} {} from {}: {} {} (region {})", request.getMethod(), printable(request.getRequestURI()),
                request.getRemoteAddr(), refusal.status.value(), refusal.tag(), region);
        if (refusal.status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, refusal == Refusal.NO_CREDENTIAL
                    ? BEARER_CHALLENGE : BEARER_CHALLENGE + ", error=\"invalid_token\"");
        }
        if (retryAfterSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        write(request, response, refusal.status, refusal.title, detail);
    }

    /** Refuses an admin API or actuator request. */
    void api(HttpServletRequest request, HttpServletResponse response, Refusal refusal, String detail)
            throws IOException {
        Counter.builder(API_REFUSED).tag("reason", refusal.tag()).register(registry).increment();
        log.warn("refused {} {} from {}: {} {}", request.getMethod(), printable(request.getRequestURI()),
                request.getRemoteAddr(), refusal.status.value(), refusal.tag());
        if (refusal.status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        write(request, response, refusal.status, refusal.title, detail);
    }

    /** Answers with a problem body without counting a refusal (unknown region, body too large). */
    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        byte[] body = mapper.writeValueAsBytes(problem);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The path as a log can show it: no line breaks or control characters a caller could inject, not too long. */
    static String printable(String text) {
        String cut = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
