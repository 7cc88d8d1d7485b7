package dev.tributary.adapter.sap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls to one SAP system: basic auth on every call (OAuth or a SAML bearer token would replace
 * the Authorization header here), and per service a CSRF token with the cookies it belongs to, fetched
 * before the first write and sent with every write. A {@code 403} with {@code x-csrf-token: Required}
 * fetches a new token once and repeats the call once; threads share the token and at most one of them
 * fetches at a time.
 */
final class ODataSession implements ODataCalls {

    static final String CSRF_HEADER = "x-csrf-token";
    static final String NOT_ODATA = "NOT_ODATA";
    private static final Logger log = LoggerFactory.getLogger(ODataSession.class);

    /** A CSRF token and the {@code Cookie} header of its session; an empty token is not sent. */
    record Csrf(String token, String cookie) {
    }

    private final TargetContext context;
    private final SapPaths paths;
    private final ODataErrors errors;
    private final String authorization;
    private final Map<String, AtomicReference<Csrf>> tokens = new ConcurrentHashMap<>();

    ODataSession(TargetContext context, SapSettings settings, SapPaths paths) {
        this.context = context;
        this.paths = paths;
        this.errors = new ODataErrors(context.json());
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> find(SapRequest lookup, String entitySet, String id) throws SapFailure {
        // the session cookie, once there is one, keeps SAP from opening a security session per lookup
        AtomicReference<Csrf> session = tokens.get(paths.serviceOf(lookup.path()));
        TargetHttp.Response answer = send(lookup, session == null ? null : session.get());
        if (!answer.isSuccess()) {
            throw failure(answer);
        }
        String keyField = entitySet.equals(SapPaths.SALES_ORDERS) ? "SalesOrder" : "BusinessPartner";
        JsonNode d = readD(answer);
        if (d == null) {
            // a Web Dispatcher maintenance or logon page answering 200: nothing is known yet, ask again later
            throw new SapFailure(DeliveryOutcome.retryLater(answer.status(), NOT_ODATA, "SAP answered the lookup of "
                    + entitySet + " with HTTP " + answer.status() + " and a body that is not OData V2 JSON ({\"d\": …}): "
                    + TargetHttp.excerpt(answer.text(), 200) + " (a maintenance or logon page?); check the base URL and "
                    + "service paths if it lasts", null));
        }
        List<String> keys = new ArrayList<>();
        d.path("results").forEach(row -> keys.add(row.path(keyField).asText()));
        if (keys.size() > 1) {
            throw new SapFailure(DeliveryOutcome.permanent(answer.status(), "AMBIGUOUS", "SAP holds " + keys.size() + " "
                    + entitySet + " entries for " + id + " (" + String.join(", ", keys) + "); a user must keep one"));
        }
        return keys.stream().findFirst();
    }

    @Override
    public String create(SapRequest post, String entitySet, String keyField, String id) throws SapFailure {
        TargetHttp.Response answer = write(post);
        if (answer.body().length == 0) {
            return "";
        }
        JsonNode d = readD(answer);
        if (d == null) {
            // SAP said yes (2xx, normally 201 Created): the record exists, only its answer cannot be read
            unreadable(post, answer);
            return "";
        }
        return d.path(keyField).asText("");
    }

    @Override
    public void update(SapRequest patch) throws SapFailure {
        TargetHttp.Response answer = write(patch);
        if (answer.body().length > 0 && readD(answer) == null) {
            unreadable(patch, answer);
        }
    }

    /**
     * A write SAP accepted (2xx) with a body that is not OData JSON: delivered, with a warning that names
     * the call and the answer's type and length only (the body may echo the record's names).
     */
    private void unreadable(SapRequest write, TargetHttp.Response answer) {
        log.warn("target {}: SAP answered {} {} with HTTP {} and a body that is not OData V2 JSON ({}, {} bytes); "
                + "taken as delivered", context.target(), write.method(), write.path(), answer.status(),
                answer.header("Content-Type"), answer.body().length);
    }

    private TargetHttp.Response write(SapRequest request) throws SapFailure {
        String service = paths.serviceOf(request.path());
        Csrf csrf = csrf(service, null);
        TargetHttp.Response answer = send(request, csrf);
        if (ODataErrors.csrfRequired(answer)) {
            answer = send(request, csrf(service, csrf));
        }
        if (!answer.isSuccess()) {
            throw failure(answer);
        }
        return answer;
    }

    /**
     * The service's token; when {@code stale} is given (it was refused), a new one, unless another
     * thread has already replaced it.
     */
    private Csrf csrf(String service, Csrf stale) throws SapFailure {
        AtomicReference<Csrf> current = tokens.computeIfAbsent(service, s -> new AtomicReference<>());
        Csrf known = current.get();
        if (known != null && known != stale) {
            return known;
        }
        synchronized (current) {
            known = current.get();
            if (known != null && known != stale) {
                return known;
            }
            Csrf fresh = fetch(service);
            current.set(fresh);
            return fresh;
        }
    }

    private Csrf fetch(String service) throws SapFailure {
        TargetHttp.Response answer = send(new SapRequest("GET", paths.serviceRoot(service), Map.of(CSRF_HEADER, "fetch"),
                null), null);
        if (!answer.isSuccess()) {
            throw failure(answer);
        }
        String token = answer.header(CSRF_HEADER);
        // a system without CSRF protection sends no token; writes then go without one
        String cookie = answer.headers("Set-Cookie").stream().map(c -> c.split(";", 2)[0].strip())
                .filter(c -> c.contains("=")).collect(Collectors.joining("; "));
        return new Csrf(token == null ? "" : token, cookie);
    }

    private TargetHttp.Response send(SapRequest request, Csrf csrf) throws SapFailure {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Accept", "application/json");
        if (request.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(request.headers());
        if (csrf != null && request.isWrite() && !csrf.token().isEmpty()) {
            headers.put(CSRF_HEADER, csrf.token());
        }
        if (csrf != null && !csrf.cookie().isEmpty()) {
            headers.put("Cookie", csrf.cookie());
        }
        try {
            byte[] body = request.body() == null ? null : context.json().writeValueAsBytes(request.body());
            return context.http().send(request.method(), context.url(request.path()), headers, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        } catch (IOException e) {
            throw new SapFailure(TargetHttp.noAnswer(e));
        }
    }

    private SapFailure failure(TargetHttp.Response answer) {
        return new SapFailure(errors.classify(answer, context.clock().instant()));
    }

    /** The {@code d} of an OData V2 JSON answer; null for an answer that is not one (the caller decides). */
    private JsonNode readD(TargetHttp.Response answer) {
        try {
            JsonNode d = context.json().readTree(answer.body()).path("d");
            return d.isObject() ? d : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
