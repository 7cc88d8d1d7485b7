package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tributary.ingest.AdversarialInputs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/**
 * Proves that ingest answers every generated malformed or hostile request within its contract
 * (202, 207, 400, 404, 413, 415 or 422; never 5xx, never internals; every item accounted for and
 * every rejection stored) and that what it accepts, and only that, reaches both HQ targets once.
 * The inputs come from jqwik arbitraries with a fixed seed: {@code -Dtributary.fuzz.seed=…} replays a
 * run, {@code -Dtributary.fuzz.payloads=…} changes its length.
 */
class IngestAdversarialIT extends H2HubIT {

    static final long SEED = Long.getLong("tributary.fuzz.seed", 20_261_128L);
    /** Adversarial requests per run; a valid one is sent after every {@link #VALID_EVERY} - 1 of them. */
    static final int ADVERSARIAL = Integer.getInteger("tributary.fuzz.payloads", 10_000);
    static final int VALID_EVERY = 20;
    /** Rejections are checked against the store after this many requests. */
    static final int CHECK_STORE_EVERY = 100;
    /** Requests in flight at once; two also make the ingest ledger settle concurrent claims of one event id. */
    static final int SENDERS = Integer.getInteger("tributary.fuzz.senders", 2);
    /**
     * Every answered rejection id is also read back through {@code GET /api/rejected/{id}} (besides
     * the periodic check that the newest ids listed are exactly those answered).
     */
    static final boolean REJECTION_BY_ID = true;

    static final Set<Integer> STATUSES = Set.of(202, 207, 400, 404, 413, 415, 422);
    static final String REGION = "cn-east";
    static final java.util.regex.Pattern PLAIN_REGION = java.util.regex.Pattern.compile("[a-z0-9-]+");
    static final int MAX_BODY_BYTES = 1_048_576;
    static final int MAX_ITEMS = 500;

    private static final AtomicInteger IDS = new AtomicInteger();

    /** What is sent: a body, how it is labelled, where it goes, and which of its items are valid orders. */
    record Request(String kind, String region, byte[] body, String contentType, boolean streamed,
            Map<Integer, String> validOrders, boolean readable) {

        static Request json(String kind, String body) {
            return new Request(kind, REGION, utf8(body), "application/json", false, Map.of(), false);
        }
    }

    private final Findings findings = new Findings(SEED);
    private final Map<String, String> acceptedEvents = new LinkedHashMap<>();
    private final List<String> acceptedValidOrders = new ArrayList<>();
    private final Map<String, List<Long>> unverifiedRejections = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> statusesByKind = new TreeMap<>();
    private final Map<String, Long> millisByKind = new TreeMap<>();
    private long storeCheckMillis;
    private int requests;
    private int largeBodies;
    private long slowestMillis;

    @Test
    void should_answer_every_hostile_request_within_the_contract_and_deliver_exactly_what_it_accepted()
            throws InterruptedException {
        awaitQuietTargets();
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        JqwikSession.start();
        try {
            RandomGenerator<Request> adversarial = adversarialRequests().generator(1_000);
            RandomGenerator<Request> valid = validRequests().generator(1_000);
            Random random = new Random(SEED);
            int generated = 0;
            while (generated < ADVERSARIAL) {
                List<Callable<Void>> batch = new ArrayList<>();
                while (batch.size() < CHECK_STORE_EVERY && generated < ADVERSARIAL) {
                    int number = ++requests;
                    boolean validTurn = number % VALID_EVERY == 0;
                    Request request = validTurn ? valid.next(random).value() : adversarial.next(random).value();
                    generated += validTurn ? 0 : 1;
                    batch.add(() -> send(number, request));
                }
                senders.invokeAll(batch);
                checkStoredRejections();
            }
        } finally {
            JqwikSession.finish();
            senders.shutdownNow();
        }
        long sending = (System.nanoTime() - started) / 1_000_000;
        checkDeliveries();
        System.out.printf("IngestAdversarialIT seed %d: %d requests (%d adversarial, %d large) in %d ms, slowest %d ms;"
                        + " %d events accepted (%d valid orders), then delivered in %d ms%n%s%nms by kind %s,"
                        + " store checks %d ms%n",
                SEED, requests, ADVERSARIAL, largeBodies, sending, slowestMillis, acceptedEvents.size(),
                acceptedValidOrders.size(), (System.nanoTime() - started) / 1_000_000 - sending, statusesByKind,
                millisByKind, storeCheckMillis);

        assertThat(requests).isGreaterThanOrEqualTo(ADVERSARIAL);
        assertThat(statusesByKind.keySet()).as("every kind of request was generated").containsAll(KINDS);
        assertThat(acceptedValidOrders).as("valid orders accepted")
                .hasSizeGreaterThanOrEqualTo(ADVERSARIAL / VALID_EVERY);
        findings.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputsThatBrokeIngest")
    void should_answer_an_input_that_broke_ingest_within_the_contract(String name, Request request) {
        send(1, request);

        findings.assertNone();
    }

    @Test
    void should_deliver_an_item_sent_twice_in_one_request_once() {
        String id = "FZK" + IDS.incrementAndGet();
        HttpResponse<String> response = post(REGION, "[" + validOrder(id) + "," + validOrder(id) + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response.body()).at("/accepted/1/repeated").asBoolean()).isTrue();
        for (WireMockServer target : List.of(crm(), erp())) {
            String path = "/" + (target == crm() ? "crm" : "erp") + "/orders/cn-east.fxiaoke." + id;
            await().atMost(Duration.ofSeconds(30)).until(() -> !upserts(target, path).isEmpty());
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true); // a second copy would follow at once
            assertThat(upserts(target, path).size()).as("upserts of %s", path).isEqualTo(1);
        }
    }

    /** The smallest inputs that showed each problem the generated runs found, kept as named cases. */
    static Stream<Arguments> inputsThatBrokeIngest() {
        return Stream.of(
                known("a number whose exponent is out of range", "[1e9999999999]"),
                known("a number whose scale is out of range", "[1e-2147483648]"),
                known("a zero discount with a scale of 2^31 - 1",
                        changedOrder("\"discount\": 0,", "\"discount\": 0e-2147483647,")),
                known("a zero discount with a scale of 99,999",
                        changedOrder("\"discount\": 0,", "\"discount\": 0e-99999,")),
                known("a zero line total with a scale of 999,999",
                        changedOrder("\"lineTotal\": 3700.00", "\"lineTotal\": 0e-999999")),
                known("a source system of 129 characters",
                        changedOrder("\"system\": \"fxiaoke\"", "\"system\": \"" + "x".repeat(129) + "\"")),
                known("a source id of 257 characters",
                        changedOrder("\"sourceRef\": {\"system\": \"fxiaoke\", \"sourceId\": \"",
                                "\"sourceRef\": {\"system\": \"fxiaoke\", \"sourceId\": \"" + "9".repeat(257))),
                known("an item field with an empty name", "{\"\": 1}"),
                Arguments.of("a multipart/form-data body", new Request("known", REGION,
                        utf8(validOrder("FZK" + IDS.incrementAndGet())), "multipart/form-data", false, Map.of(),
                        false)),
                Arguments.of("an encoded '/' as the region", new Request("known", "%2F",
                        utf8(validOrder("FZK" + IDS.incrementAndGet())), "application/json", false, Map.of(), false)));
    }

    private static Arguments known(String name, String body) {
        return Arguments.of(name, Request.json("known", body));
    }

    private static String changedOrder(String from, String to) {
        String order = validOrder("FZK" + IDS.incrementAndGet());
        assertThat(order).contains(from);
        return order.replace(from, to);
    }

    // ---------------------------------------------------------------- sending and checking

    /** Sends one request; its answer is checked under the test's lock (the senders share the records). */
    private Void send(int number, Request request) {
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = request.streamed() ? postStreamed(request.region(), request.body())
                    : post(request.region(), request.body(), request.contentType());
        } catch (RuntimeException e) {
            synchronized (this) {
                findings.add("no answer: " + e.getClass().getSimpleName(), number, request, e.getMessage());
            }
            return null;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        synchronized (this) {
            largeBodies += request.body().length >= 16_384 ? 1 : 0;
            slowestMillis = Math.max(slowestMillis, millis);
            millisByKind.merge(request.kind(), millis, Long::sum);
            statusesByKind.computeIfAbsent(request.kind(), k -> new TreeMap<>()).merge(response.statusCode(), 1,
                    Integer::sum);
            new Answer(number, request, response, millis).check();
        }
        return null;
    }

    /** One answer and the checks every answer passes. */
    private final class Answer {
        final int number;
        final Request request;
        final HttpResponse<String> response;
        final long millis;
        final String body;

        Answer(int number, Request request, HttpResponse<String> response, long millis) {
            this.number = number;
            this.request = request;
            this.response = response;
            this.millis = millis;
            this.body = response.body() == null ? "" : response.body();
        }

        void check() {
            int status = response.statusCode();
            if (!STATUSES.contains(status)) {
                fail("status " + status);
                return;
            }
            String word = AdversarialInputs.internalsIn(body, new String(request.body(), StandardCharsets.UTF_8));
            if (word != null) {
                fail("answer names internals: '" + word + "'");
            }
            if (millis > 10_000) {
                fail("answer took more than 10 s");
            }
            if (status == 202 || status == 207 || status == 422) {
                checkItems(status);
            } else {
                checkProblem(status);
            }
        }

        private void checkItems(int status) {
            if (!contentType().isCompatibleWith(MediaType.APPLICATION_JSON)) {
                fail(status + " is not application/json");
            }
            JsonNode answer = parse();
            if (answer == null) {
                return;
            }
            JsonNode accepted = answer.path("accepted");
            JsonNode rejected = answer.path("rejected");
            if (!accepted.isArray() || !rejected.isArray()) {
                fail(status + " without accepted and rejected arrays");
                return;
            }
            if (status == 202 && (accepted.isEmpty() || !rejected.isEmpty())
                    || status == 207 && (accepted.isEmpty() || rejected.isEmpty())
                    || status == 422 && (!accepted.isEmpty() || rejected.isEmpty())) {
                fail(status + " with " + accepted.size() + " accepted and " + rejected.size() + " rejected");
            }
            Integer sent = itemsSent();
            int answered = accepted.size() + rejected.size();
            if (sent != null && sent != answered) {
                fail(answered + " items answered for " + sent + " sent");
            }
            Set<Integer> indices = new HashSet<>();
            Map<Integer, String> eventIds = new HashMap<>();
            for (JsonNode entry : accepted) {
                String eventId = entry.path("eventId").asText("");
                if (!indices.add(entry.path("index").asInt(-1)) || eventId.isEmpty()) {
                    fail("accepted entry without its own index and eventId");
                }
                eventIds.put(entry.path("index").asInt(-1), eventId);
                acceptedEvents.putIfAbsent(eventId, request.kind() + " #" + number);
            }
            for (JsonNode entry : rejected) {
                checkRejected(entry, indices);
            }
            for (int i = 0; i < answered; i++) {
                if (!indices.contains(i)) {
                    fail("item " + i + " of " + answered + " not answered exactly once");
                }
            }
            request.validOrders().forEach((index, orderId) -> {
                if (eventIds.containsKey(index)) {
                    acceptedValidOrders.add(orderId);
                } else {
                    fail("valid order rejected", errorsOf(rejected, index));
                }
            });
            if (body.length() > 4L * request.body().length + 4_096L * answered) {
                fail("answer out of proportion to the request");
            }
        }

        private void checkRejected(JsonNode entry, Set<Integer> indices) {
            if (!indices.add(entry.path("index").asInt(-1))) {
                fail("rejected entry without its own index");
            }
            JsonNode errors = entry.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                fail("rejected entry without errors");
            }
            for (JsonNode error : errors) {
                if (error.path("field").asText("").isEmpty() || error.path("message").asText("").isEmpty()) {
                    fail("error without field or message", shorten(error.toString()));
                }
            }
            rejectionStored(entry.path("rejectionId"));
        }

        private void checkProblem(int status) {
            if (!contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                fail(status + " is not application/problem+json");
                return;
            }
            JsonNode problem = parse();
            if (problem == null) {
                return;
            }
            if (problem.path("title").asText("").isBlank() || problem.path("detail").asText("").isBlank()
                    || problem.path("status").asInt() != status) {
                fail(status + " problem without title, detail or status");
            }
            if (problem.has("rejectionId")) {
                rejectionStored(problem.get("rejectionId"));
            } else if ((status == 400 || status == 413) && request.body().length <= MAX_BODY_BYTES
                    && PLAIN_REGION.matcher(request.region()).matches()) {
                // a path refused before routing (encoded '/', ';' parameters) never reaches ingest
                fail(status + " for a body that was read, without a rejectionId");
            }
            if (request.readable() && !(status == 413 && request.body().length > MAX_BODY_BYTES)) {
                fail(status + " for a readable ingest request");
            }
        }

        private void rejectionStored(JsonNode id) {
            if (!id.canConvertToLong() || id.asLong() <= 0) {
                fail("rejection without a rejectionId");
                return;
            }
            unverifiedRejections.computeIfAbsent(request.region(), r -> new ArrayList<>()).add(id.asLong());
            if (REJECTION_BY_ID) {
                assertRejectionStored(id.asLong());
            }
        }

        /** Items in the body by the test's own reading of it; null when it cannot tell. */
        private Integer itemsSent() {
            try {
                Charset declared = contentType().getCharset();
                Charset charset = declared == null ? StandardCharsets.UTF_8 : declared;
                String text = new String(request.body(), charset);
                try (JsonParser parser = mapper.createParser(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
                    JsonToken first = parser.nextToken();
                    if (first == JsonToken.START_OBJECT) {
                        return 1;
                    }
                    int items = 0;
                    while (first == JsonToken.START_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        items++;
                    }
                    return first == JsonToken.START_ARRAY ? items : null;
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private MediaType contentType() {
            try {
                return MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElse("none/none"));
            } catch (RuntimeException e) {
                return new MediaType("none", "none");
            }
        }

        private JsonNode parse() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                fail(response.statusCode() + " answer is not JSON");
                return null;
            }
        }

        private void fail(String what) {
            fail(what, null);
        }

        private void fail(String what, String detail) {
            findings.add(what, number, request, (detail == null ? "" : detail + "\n      in answer ")
                    + response.statusCode() + " in " + millis + " ms: " + shorten(body));
        }
    }

    private static String errorsOf(JsonNode rejected, int index) {
        for (JsonNode entry : rejected) {
            if (entry.path("index").asInt(-1) == index) {
                return shorten(entry.path("errors").toString());
            }
        }
        return "(not answered)";
    }

    /** Checks that the rejections answered since the last check are the newest ones stored for their region, with reasons. */
    private void checkStoredRejections() {
        long start = System.nanoTime();
        for (Map.Entry<String, List<Long>> pending : unverifiedRejections.entrySet()) {
            // a page holds at most 200 (the list's limit); the newest 200 answered must be the newest stored
            List<Long> ids = pending.getValue().stream().sorted((a, b) -> Long.compare(b, a)).limit(200).toList();
            if (ids.isEmpty()) {
                continue;
            }
            HttpResponse<String> response = get("/api/rejected?region=" + pending.getKey() + "&limit=" + ids.size());
            if (response.statusCode() != 200) {
                findings.add("GET /api/rejected answered " + response.statusCode(), requests, null,
                        shorten(response.body()));
                continue;
            }
            JsonNode stored = json(response.body());
            List<Long> storedIds = new ArrayList<>();
            stored.forEach(r -> {
                storedIds.add(r.path("id").asLong());
                if (!r.path("reasons").isArray() || r.path("reasons").isEmpty()) {
                    findings.add("rejection stored without reasons", requests, null, shorten(r.toString()));
                }
            });
            if (!storedIds.equals(ids)) {
                Set<Long> missing = new TreeSet<>(ids);
                storedIds.forEach(missing::remove);
                findings.add("answered rejections not the newest stored for " + pending.getKey(), requests, null,
                        "missing " + shorten(missing.toString()) + ", stored " + shorten(storedIds.toString()));
            }
            pending.getValue().clear();
        }
        storeCheckMillis += (System.nanoTime() - start) / 1_000_000;
    }

    /** The rejection {@code id} can be read back with its reasons (needs {@code GET /api/rejected/{id}}). */
    void assertRejectionStored(long id) {
        HttpResponse<String> response = get("/api/rejected/" + id);
        JsonNode rejection = response.statusCode() == 200 ? json(response.body()) : null;
        if (rejection == null || rejection.path("id").asLong() != id || !rejection.path("reasons").isArray()
                || rejection.path("reasons").isEmpty()) {
            findings.add("rejection " + id + " not retrievable", requests, null,
                    response.statusCode() + ": " + shorten(response.body()));
        }
    }

    /**
     * Every valid order answered as accepted reaches both targets exactly once at its own path, every
     * other accepted event too, and nothing else reaches them (each upsert carries its event id as
     * Idempotency-Key). One bounded wait covers all events, then each target's requests are read
     * once: {@link #awaitUpserts} per order would search the whole request journal a thousand times
     * over and stop at the first miss.
     */
    private void checkDeliveries() {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    keys(crm()).keySet().containsAll(acceptedEvents.keySet())
                            && keys(erp()).keySet().containsAll(acceptedEvents.keySet()));
        } catch (ConditionTimeoutException e) {
            // reported below, event by event
        }
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // repeated deliveries would have arrived by now
        for (WireMockServer target : List.of(crm(), erp())) {
            String name = target == crm() ? "crm" : "erp";
            List<LoggedRequest> received = upserts(target, "/.*");
            Map<String, Long> byPath = received.stream()
                    .collect(Collectors.groupingBy(r -> r.getUrl().split("\\?")[0], Collectors.counting()));
            for (String orderId : acceptedValidOrders) {
                long times = byPath.getOrDefault("/" + name + "/orders/cn-east.fxiaoke." + orderId, 0L);
                if (times != 1) {
                    findings.add("valid order delivered " + times + " times to " + name, -1, null, orderId);
                }
            }
            Map<String, List<LoggedRequest>> keys = keys(received);
            acceptedEvents.forEach((eventId, from) -> {
                int times = keys.getOrDefault(eventId, List.of()).size();
                if (times != 1) {
                    findings.add("accepted event delivered " + times + " times to " + name, -1, null,
                            eventId + " from " + from);
                }
            });
            long derived = 0;
            for (var entry : keys.entrySet()) {
                String key = entry.getKey();
                // the identity stage's own events (a new customer's golden record) carry the id of the
                // accepted event that caused them, then '/'
                String cause = key.contains("/") ? key.substring(0, key.indexOf('/')) : null;
                if (cause != null && acceptedEvents.containsKey(cause)) {
                    derived += entry.getValue().size();
                    if (entry.getValue().size() != 1) {
                        findings.add("identity event delivered " + entry.getValue().size() + " times to " + name, -1,
                                null, key);
                    }
                } else if (!acceptedEvents.containsKey(key)) {
                    findings.add("upsert at " + name + " for nothing accepted", -1, null, key + " "
                            + entry.getValue().get(0).getUrl() + " " + shorten(entry.getValue().get(0).getBodyAsString()));
                }
            }
            if (received.size() - derived != acceptedEvents.size()) {
                findings.add(name + " received " + (received.size() - derived) + " upserts of accepted events for "
                        + acceptedEvents.size() + " accepted events", -1, null, "");
            }
        }
    }

    private static Map<String, List<LoggedRequest>> keys(WireMockServer target) {
        return keys(upserts(target, "/.*"));
    }

    private static Map<String, List<LoggedRequest>> keys(List<LoggedRequest> upserts) {
        return upserts.stream().collect(Collectors.groupingBy(
                r -> r.containsHeader("Idempotency-Key") ? r.getHeader("Idempotency-Key") : "(none)"));
    }

    /** Waits until the targets have had no request for a second, then forgets what they received. */
    private void awaitQuietTargets() {
        AtomicInteger seen = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int now = crm().getAllServeEvents().size() + erp().getAllServeEvents().size();
            return seen.getAndSet(now) == now;
        });
        crm().resetRequests();
        erp().resetRequests();
    }

    // ---------------------------------------------------------------- generators

    static final Set<String> KINDS = Set.of("random-bytes", "json-ish-text", "mutated-item", "mutated-bytes",
            "hostile-value", "hostile-key", "wrong-shapes", "duplicate-key", "deep-nesting", "trailing-content",
            "array", "content-type", "empty", "region", "over-limit", "valid", "valid-among-invalid");

    /** Items to change: every type, with ids no valid order has. */
    private static Arbitrary<String> bases() {
        return AdversarialInputs.validItems(Arbitraries.create(() -> "FZM" + IDS.incrementAndGet()));
    }

    /** Items that are JSON but not valid items, cheap enough to put hundreds in one body. */
    private static Arbitrary<String> junkItems() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, AdversarialInputs.withHostileValue(bases(), AdversarialInputs.shortHostileJsonValues())),
                Tuple.of(2, AdversarialInputs.withWrongShapes(bases())),
                Tuple.of(2, AdversarialInputs.wrongTypes()),
                Tuple.of(1, Arbitraries.of("{}", "{\"type\":\"order\"}", "{\"type\":\"order\",\"data\":{}}",
                        "{\"data\":null,\"type\":null,\"sourceEventId\":null}")));
    }

    private static String validOrder(String id) {
        return orderItem(id, "C-" + id, uscc(id));
    }

    private static String nextValidId() {
        return "FZV" + IDS.incrementAndGet();
    }

    /** Valid orders: alone, alone in an array, or among invalid items. */
    private static Arbitrary<Request> validRequests() {
        Arbitrary<Request> alone = Arbitraries.of(true, false).map(inArray -> {
            String id = nextValidId();
            String body = inArray ? "[" + validOrder(id) + "]" : validOrder(id);
            return new Request("valid", REGION, utf8(body), "application/json", false, Map.of(0, id), true);
        });
        Arbitrary<Request> among = Combinators.combine(junkItems().list().ofMinSize(1).ofMaxSize(12),
                        Arbitraries.integers().between(1, 3), Arbitraries.randoms())
                .as((junk, valid, random) -> arrayWithValidOrders("valid-among-invalid", junk, valid, random));
        return Arbitraries.frequencyOf(Tuple.of(3, alone), Tuple.of(2, among));
    }

    private static Request arrayWithValidOrders(String kind, List<String> junk, int valid, Random random) {
        List<String> items = new ArrayList<>(junk);
        for (int i = 0; i < valid; i++) {
            items.add(random.nextInt(items.size() + 1), "@valid@");
        }
        Map<Integer, String> validOrders = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).equals("@valid@")) {
                String id = nextValidId();
                validOrders.put(i, id);
                items.set(i, validOrder(id));
            }
        }
        return new Request(kind, REGION, utf8("[" + String.join(",", items) + "]"), "application/json", false,
                validOrders, true);
    }

    private static Arbitrary<Request> adversarialRequests() {
        Arbitrary<String> bases = bases();
        // weights in tenths: over-limit bodies (1 MB each) are about one request in four hundred
        return Arbitraries.frequencyOf(
                Tuple.of(60, randomBytes()),
                Tuple.of(50, AdversarialInputs.jsonishText().map(text -> Request.json("json-ish-text", text))),
                Tuple.of(160, AdversarialInputs.mutated(bases).map(text -> Request.json("mutated-item", text))),
                Tuple.of(30, mutatedBytes(bases)),
                Tuple.of(220, AdversarialInputs.withHostileValue(bases, AdversarialInputs.hostileValues())
                        .map(text -> Request.json("hostile-value", text))),
                Tuple.of(40, AdversarialInputs.withHostileKey(bases).map(text -> Request.json("hostile-key", text))),
                Tuple.of(60, AdversarialInputs.withWrongShapes(bases).map(text -> Request.json("wrong-shapes", text))),
                Tuple.of(30, AdversarialInputs.withDuplicateKey(bases)
                        .map(text -> Request.json("duplicate-key", text))),
                Tuple.of(30, AdversarialInputs.deeplyNested(bases).map(text -> Request.json("deep-nesting", text))),
                Tuple.of(40, AdversarialInputs.withTrailingContent(bases)
                        .map(text -> Request.json("trailing-content", text))),
                Tuple.of(40, arrays()),
                Tuple.of(50, contentTypes(bases)),
                Tuple.of(10, Arbitraries.of("", " ", "\n\t ", "\uFEFF", "null", "[]", "{}", "[[]]", "0", "\"\"", "true")
                        .map(text -> Request.json("empty", text))),
                Tuple.of(10, regions(bases)),
                Tuple.of(2, overLimit()));
    }

    /** Random bytes: mostly short, one in thirty from 16 KB to 256 KB. */
    private static Arbitrary<Request> randomBytes() {
        Arbitrary<Integer> lengths = Arbitraries.frequencyOf(Tuple.of(29, Arbitraries.integers().between(0, 512)),
                Tuple.of(1, Arbitraries.integers().between(16_384, 262_144)));
        return lengths.flatMap(length -> Arbitraries.randomValue(random -> {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return new Request("random-bytes", REGION, bytes, "application/json", false, Map.of(), false);
        }));
    }

    /** Items damaged as bytes: invalid UTF-8 sequences, overlong forms, cut multi-byte characters. */
    private static Arbitrary<Request> mutatedBytes(Arbitrary<String> bases) {
        byte[][] insertions = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0x80},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xFE, (byte) 0xFF}, {0}};
        return Combinators.combine(bases, Arbitraries.integers().between(0, insertions.length - 1),
                        Arbitraries.doubles().between(0, 1))
                .as((item, which, at) -> {
                    byte[] bytes = utf8(item);
                    int position = (int) (at * bytes.length);
                    byte[] insert = insertions[which];
                    byte[] out = new byte[bytes.length + insert.length];
                    System.arraycopy(bytes, 0, out, 0, position);
                    System.arraycopy(insert, 0, out, position, insert.length);
                    System.arraycopy(bytes, position, out, position + insert.length, bytes.length - position);
                    return new Request("mutated-bytes", REGION, out, "application/json", false, Map.of(), false);
                });
    }

    /** Arrays of 0, 1, a few, 500 and 501 items, of junk and changed items. */
    private static Arbitrary<Request> arrays() {
        Arbitrary<String> items = Arbitraries.frequencyOf(Tuple.of(4, junkItems()), Tuple.of(1, bases()));
        return Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(6, 1), Tuple.of(20, 5), Tuple.of(4, 30),
                        Tuple.of(1, MAX_ITEMS), Tuple.of(1, MAX_ITEMS + 1))
                .flatMap(size -> size >= MAX_ITEMS
                        ? items.list().ofSize(20).map(twenty -> repeated(twenty, size))
                        : items.list().ofMaxSize(size).map(list -> "[" + String.join(",", list) + "]"))
                .map(text -> Request.json("array", text));
    }

    /** An array of {@code size} items, {@code items} over and over. */
    private static String repeated(List<String> items, int size) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            array.append(i == 0 ? "" : ",").append(items.get(i % items.size()));
        }
        return array.append(']').toString();
    }

    /** Labels a body could carry, with the charset its bytes are written in. */
    private record Label(String contentType, Charset bytes) {
    }

    private static final List<Label> LABELS = List.of(
            new Label("text/plain", StandardCharsets.UTF_8),
            new Label("text/plain; charset=UTF-8", StandardCharsets.UTF_8),
            new Label("text/json", StandardCharsets.UTF_8),
            new Label("application/xml", StandardCharsets.UTF_8),
            new Label("application/x-www-form-urlencoded", StandardCharsets.UTF_8),
            new Label("multipart/form-data", StandardCharsets.UTF_8),
            new Label("multipart/form-data; boundary=xyz", StandardCharsets.UTF_8),
            new Label("application/octet-stream", StandardCharsets.UTF_8),
            new Label("application/jsonx", StandardCharsets.UTF_8),
            new Label("application/json/extra", StandardCharsets.UTF_8),
            new Label("json", StandardCharsets.UTF_8),
            new Label("", StandardCharsets.UTF_8),
            new Label(";", StandardCharsets.UTF_8),
            new Label("/", StandardCharsets.UTF_8),
            new Label("*/json", StandardCharsets.UTF_8),
            new Label("*/*", StandardCharsets.UTF_8),
            new Label("application/*", StandardCharsets.UTF_8),
            new Label("APPLICATION/JSON", StandardCharsets.UTF_8),
            new Label("application/json; q=0.5", StandardCharsets.UTF_8),
            new Label("application/json, text/plain", StandardCharsets.UTF_8),
            new Label("application/vnd.tributary+json", StandardCharsets.UTF_8),
            new Label("application/merge-patch+json; charset=utf-8", StandardCharsets.UTF_8),
            new Label("application/json; charset=GBK", StandardCharsets.UTF_8),
            new Label("application/json; charset=GBK", Charset.forName("GBK")),
            new Label("application/json; charset=nope", StandardCharsets.UTF_8),
            new Label("application/json; charset=", StandardCharsets.UTF_8),
            new Label("application/json; charset=\"utf-8\"", StandardCharsets.UTF_8),
            new Label("application/json; charset=utf8", StandardCharsets.UTF_8),
            new Label("application/json; charset=UTF-7", StandardCharsets.UTF_8),
            new Label("application/json; charset=UTF-16", StandardCharsets.UTF_8),
            new Label("application/json; charset=UTF-16", StandardCharsets.UTF_16),
            new Label("application/json; charset=UTF-32", StandardCharsets.UTF_8),
            new Label("application/json; charset=ISO-8859-1", StandardCharsets.UTF_8),
            new Label("application/json; charset=US-ASCII", StandardCharsets.UTF_8),
            new Label("application/json; charset=x-JISAutoDetect", StandardCharsets.UTF_8),
            new Label("application/json", StandardCharsets.UTF_16),
            new Label("application/json", StandardCharsets.UTF_16LE),
            new Label("application/json", Charset.forName("GBK")));

    /** Valid and changed items under every content type and charset. */
    private static Arbitrary<Request> contentTypes(Arbitrary<String> bases) {
        Arbitrary<String> bodies = Arbitraries.frequencyOf(Tuple.of(2, bases), Tuple.of(1, junkItems()),
                Tuple.of(1, bases.map(item -> "\uFEFF" + item)));
        return Combinators.combine(bodies, Arbitraries.of(LABELS)).as((text, label) -> new Request("content-type",
                REGION, text.getBytes(label.bytes()), label.contentType(), false, Map.of(), false));
    }

    /** Items sent to other, unknown and oddly written regions. */
    private static Arbitrary<Request> regions(Arbitrary<String> bases) {
        return Combinators.combine(bases, Arbitraries.of("cn-south", "eu-west", "cn-west", "CN-EAST", "eu-west-1", "x",
                        "cn_east", "cn-east.", "-", "0", "cn-east-", "%63n-east", "cn%2Deast", "a%20b", "cn-east%3Bx",
                        "cn-east;x=1", "%2e%2e", "%2F", "%5C", "%00", "%C0%AE"))
                .as((item, region) -> new Request("region", region, utf8(item), "application/json", false, Map.of(),
                        false));
    }

    /** Bodies just over the size limit, with a Content-Length and streamed without one. */
    private static Arbitrary<Request> overLimit() {
        return Arbitraries.of(true, false).map(streamed -> {
            String text = "[" + "{},".repeat(MAX_BODY_BYTES / 3) + "{}]";
            return new Request("over-limit", REGION, utf8(text), "application/json", streamed, Map.of(), false);
        });
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String visible = text.codePoints().limit(600)
                .mapToObj(c -> c < 0x20 || c == 0x7F || Character.isSurrogate((char) c) || c >= 0x200B && c <= 0x202E
                        || c == 0xFEFF ? String.format(Locale.ROOT, "\\u%04x", c) : Character.toString(c))
                .collect(Collectors.joining());
        return text.length() > 600 ? visible + "…(" + text.length() + " chars)" : visible;
    }

    /** What the run found, grouped by kind of problem, with the first few requests that showed each. */
    static final class Findings {
        private final long seed;
        private final Map<String, List<String>> examples = new LinkedHashMap<>();
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        Findings(long seed) {
            this.seed = seed;
        }

        void add(String what, int number, Request request, String answer) {
            counts.merge(what, 1, Integer::sum);
            List<String> list = examples.computeIfAbsent(what, k -> new ArrayList<>());
            if (list.size() < 3) {
                list.add(request == null ? (number > 0 ? "after request #" + number + ": " : "") + answer
                        : "request #" + number + " (" + request.kind() + ") POST /ingest/" + request.region()
                                + "/canonical" + (request.streamed() ? " streamed" : "") + ", Content-Type '"
                                + request.contentType() + "', " + request.body().length + " bytes: "
                                + shorten(new String(request.body(), StandardCharsets.UTF_8))
                                + "\n      answer " + answer);
            }
        }

        void assertNone() {
            StringBuilder report = new StringBuilder(counts.size() + " kinds of problem (generated inputs: seed " + seed
                    + ", replay with -Dtributary.fuzz.seed=" + seed + ")\n");
            counts.forEach((what, count) -> {
                report.append("- ").append(what).append(" (").append(count).append("×)\n");
                examples.get(what).forEach(e -> report.append("    ").append(e).append('\n'));
            });
            assertThat(counts).as(report.toString()).isEmpty();
        }
    }
}
