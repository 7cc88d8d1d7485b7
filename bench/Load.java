// Load generator for the Tributary benchmark: posts canonical events to the real ingest endpoint
// (POST /ingest/{region}/canonical), samples progress, heap and RSS every second, waits until the
// sink has seen every accepted event at every target, then writes one phase's results as JSON.
//
// Run (JDK 17+, no build):
//   java bench/Load.java saturate --hub http://127.0.0.1:8080 --sink http://127.0.0.1:9090 --events 50000 ...
//   java bench/Load.java rate     --hub ... --sink ... --rate 500 --duration 60 ...
//   java bench/Load.java file     --hub ... --sink ... --rows 100000 --folder DIR --work DIR ...
//   java bench/Load.java matching --hub ... --sink ... --companies 6000 ...
//   java -cp h2.jar bench/Load.java seed --db jdbc:h2:file:DIR/db/hub --golden 1000000   (hub stopped)
//   java bench/Load.java lookup   --hub ... --sink ... --golden 1000000 --duration 30 --clients 8
// Options (all --name value): see usage() below.
// Credentials come from the environment, named as the hub reads them: HUB_REGION_<ID>_API_KEY for
// each region (sent as a bearer key) and HUB_ADMIN_PASSWORD (HTTP Basic for /actuator/metrics).
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Load {

    static String usage() {
        return """
                usage: java bench/Load.java (saturate|rate|failing|file|matching|lookup|seed) [--name value ...]
                  --hub URL            hub base URL (required), e.g. http://127.0.0.1:8080
                  --sink URL           sink base URL (required), e.g. http://127.0.0.1:9090
                  --hub-pid PID        hub JVM pid, for RSS and CPU from /proc/<pid> (optional)
                  --sink-pid PID       sink JVM pid, to tell the bench's own CPU use from other load (optional)
                  --phase NAME         tag of this phase in ids and results (default: the mode)
                  --run-tag TAG        unique per run; part of every source id (default: epoch seconds)
                  --events N           saturate: number of events (default 50000)
                  --rate R             rate, failing: events per second (default 500)
                  --duration S         rate, failing: measured seconds (default 60)
                  --key event|external saturate, rate: count events by the ingest event id (default; the sink's
                                       Idempotency-Key) or by the orders' external ids region.system.sourceId
                                       (vendor-shaped sink: Salesforce Tributary_Id__c, Kingdee FBillNo), with
                                       latency = sink arrival - the time Load sent the order
                  --warmup S           failing: seconds at the rate before the measured window (default 20)
                  --fail-customer N    failing: the customer whose calls the sink fails (default 1)
                  --fail-interval-ms M failing: one order of that customer every M ms, in sequence (default 1000)
                  --fail-targets LIST  failing: targets that answer it 503 (default: --targets)
                  --batch B            events per request (default 100 saturate, 1 rate)
                  --clients C          concurrent HTTP clients (default 16 saturate, 32 rate)
                  --customers K        distinct customers (default 5000), spread over the regions
                  --regions LIST       default cn-east,cn-south,eu-west
                  --mix LIST           event mix weights, default order=1,opportunity=0,customer=0
                  --targets LIST       sink targets to wait for, default crm,erp
                  --drain-timeout S    max seconds to wait for delivery after the last accept (default 180)
                  --send-timeout S     max seconds for the sending itself (default 300)
                  --seed N             random seed of the generated data (default 42)
                  --rows N             file: data rows of the distributor order file (default 100000)
                  --folder DIR         file: the region's watched folder the file is dropped into
                  --work DIR           file: where the file is written before it is moved into the folder
                                       (same file system, so the move is atomic)
                  --encoding NAME      file: GBK (default) or UTF-8
                  --companies N        matching: companies (default 6000), each a customer in 1 to 3 regions
                                       (about 1.67 source customers per company)
                  --check N            matching: after the measurement, look up the sources of N companies
                                       known in several regions and count those resolved to one customer
                                       (default 200, 0 = none)
                  --golden N           seed: golden records to insert; lookup: how many were seeded (default 1000000)
                  --db URL             seed: JDBC URL of the hub's database (the hub must be stopped; the H2 jar
                                       on the class path: java -cp h2.jar bench/Load.java seed ...)
                  --db-user U, --db-password P   seed: default sa and empty
                  --seed-batch N       seed: rows per JDBC batch and commit (default 5000)
                  --compact BOOL       seed: SHUTDOWN COMPACT afterwards (default true)
                  --warmup S           lookup: seconds of lookups before the measured ones (default 30)
                  --seed-result FILE   lookup: the seed step's JSON, copied into the results
                  --out FILE           write the phase JSON here (default: stdout)
                environment: HUB_REGION_<ID>_API_KEY per region (e.g. HUB_REGION_CN_EAST_API_KEY),
                             HUB_ADMIN_PASSWORD for the hub's /actuator/metrics
                """;
    }

    static Map<String, String> opts;
    static HttpClient http;

    // progress shared by senders and the sampler
    static final AtomicLong accepted = new AtomicLong();
    static final AtomicLong rejected = new AtomicLong();
    static final AtomicLong errors = new AtomicLong();
    static final AtomicLong retries = new AtomicLong();
    static final AtomicLong lastAcceptMs = new AtomicLong();
    static final ConcurrentLinkedQueue<String> acceptedIds = new ConcurrentLinkedQueue<>();
    static final Map<Integer, LongAdder> statusCounts = new ConcurrentHashMap<>();
    static final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    static final ConcurrentLinkedQueue<Long> requestMs = new ConcurrentLinkedQueue<>();

    /** The request outcomes every sending phase reports: rejected, errors, retries, statuses, samples. */
    static void putRequestOutcomes(Map<String, Object> out) {
        out.put("rejected", rejected.get());
        out.put("errors", errors.get());
        out.put("retries", retries.get());
        Map<String, Object> statuses = new TreeMap<>();
        statusCounts.forEach((k, v) -> statuses.put(Integer.toString(k), v.sum()));
        out.put("httpStatus", statuses);
        out.put("errorSamples", new ArrayList<>(errorSamples));
    }
    static final AtomicLong maxLagMs = new AtomicLong();

    static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern REJECTION_ID = Pattern.compile("\"rejectionId\"");
    static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.Ee+]+)");

    /** The bearer key of each region, from HUB_REGION_<ID>_API_KEY as the hub reads it. */
    static final Map<String, String> regionKeys = new ConcurrentHashMap<>();

    static String keyVariable(String region) {
        return "HUB_REGION_" + region.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(usage());
            return;
        }
        if (args.length == 0 || !List.of("saturate", "rate", "file", "matching", "lookup", "seed", "failing").contains(args[0])) {
            System.err.print(usage());
            System.exit(2);
        }
        String mode = args[0];
        opts = parse(Arrays.copyOfRange(args, 1, args.length));
        if (mode.equals("seed")) {
            Seed.run();
            System.exit(0);
        }
        if (mode.equals("lookup")) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            LookupPhase.run();
            System.exit(0);
        }
        if (mode.equals("file")) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            FilePhase.run();
            System.exit(0);
        }
        String hub = req("hub");
        String sink = req("sink");
        long hubPid = Long.parseLong(opt("hub-pid", "-1"));
        long sinkPid = Long.parseLong(opt("sink-pid", "-1"));
        String phase = opt("phase", mode);
        String runTag = opt("run-tag", Long.toString(System.currentTimeMillis() / 1000));
        boolean saturate = mode.equals("saturate") || mode.equals("matching");
        int batch = Integer.parseInt(opt("batch", saturate ? "100" : "1"));
        int clients = Integer.parseInt(opt("clients", saturate ? "16" : "32"));
        double rate = Double.parseDouble(opt("rate", "500"));
        double duration = Double.parseDouble(opt("duration", "60"));
        int events = saturate ? Integer.parseInt(opt("events", "50000")) : (int) Math.round(rate * duration);
        int customers = Integer.parseInt(opt("customers", "5000"));
        List<String> regions = List.of(opt("regions", "cn-east,cn-south,eu-west").split(","));
        for (String region : regions) {
            String key = System.getenv(keyVariable(region));
            if (key == null || key.isBlank()) {
                System.err.println("set " + keyVariable(region) + " to the key the hub expects for region " + region);
                System.exit(2);
            }
            regionKeys.put(region, key.strip());
        }
        List<String> targets = List.of(opt("targets", "crm,erp").split(","));
        Map<String, Double> mix = parseMix(opt("mix", "order=1,opportunity=0,customer=0"));
        long drainTimeoutMs = (long) (Double.parseDouble(opt("drain-timeout", "180")) * 1000);
        long sendTimeoutMs = (long) (Double.parseDouble(opt("send-timeout", "300")) * 1000);
        long seed = Long.parseLong(opt("seed", "42"));

        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        if (mode.equals("failing")) {
            FailingPhase.run(hub, sink, hubPid, sinkPid, phase, runTag, customers, regions, targets, mix, rate, duration,
                    drainTimeoutMs, sendTimeoutMs, seed);
            System.exit(0);
        }
        if (mode.equals("matching")) {
            MatchingPhase.run(hub, sink, hubPid, sinkPid, phase, runTag, regions, targets, batch, clients,
                    drainTimeoutMs, sendTimeoutMs, seed);
            System.exit(0);
        }

        log("%s: generating %d events (%s) for %d customers over %s, batch %d", phase, events, mix, customers,
                regions, batch);
        Generator gen = new Generator(runTag, phase, customers, regions, mix, seed);
        List<Batch> batches = gen.batches(events, batch);

        // --key external: events are counted by the orders' external ids (vendor shapes), not by event id
        boolean external = opt("key", "event").equals("external");
        trackKeys = external;
        Map<String, Map<String, Long>> countersBefore = sinkCounters(sink);
        Map<String, Long> baseline = sinkDistinct(sink, targets);
        Sampler sampler = new Sampler(hub, sink, targets, baseline, hubPid, sinkPid);
        long t0 = System.currentTimeMillis();
        sampler.t0 = t0;
        Thread samplerThread = new Thread(sampler, "sampler");
        samplerThread.setDaemon(true);
        samplerThread.start();

        log("%s: sending %d requests with %d clients%s", phase, batches.size(), clients,
                saturate ? " as fast as accepted" : String.format(Locale.ROOT, " at %.0f events/s for %.0f s", rate, duration));
        boolean sentInTime;
        if (saturate) {
            sentInTime = saturate(hub, batches, clients, sendTimeoutMs);
        } else {
            sentInTime = paced(hub, batches, clients, rate, batch, sendTimeoutMs);
        }
        long sendEnd = System.currentTimeMillis();
        long acceptEnd = lastAcceptMs.get() == 0 ? sendEnd : lastAcceptMs.get();
        log("%s: accepted %d, rejected %d, errors %d in %.1f s (%.0f events/s)", phase, accepted.get(), rejected.get(),
                errors.get(), (acceptEnd - t0) / 1000.0, accepted.get() * 1000.0 / Math.max(1, acceptEnd - t0));

        // wait until every target has seen every accepted event (distinct count above the baseline)
        long want = external ? sentAt.size() : accepted.get();
        Delivery delivery = awaitDelivered(phase, sink, targets, baseline, want,
                System.currentTimeMillis() + drainTimeoutMs, hubPid,
                new HashSet<>(external ? sentAt.keySet() : acceptedIds));
        boolean drained = delivery == Delivery.DRAINED;
        boolean hubGone = delivery == Delivery.HUB_GONE;
        long drainEnd = System.currentTimeMillis();
        sampler.stop = true;
        samplerThread.join(3000);
        sampler.sampleOnce();
        if (!drained && !hubGone) {
            log("%s: NOT drained within %.0f s", phase, drainTimeoutMs / 1000.0);
        }

        // exact per-event accounting from the sink's records
        Set<String> ids = new HashSet<>(external ? sentAt.keySet() : acceptedIds);
        Map<String, Object> perTarget = new LinkedHashMap<>();
        long lastArrivalAll = 0;
        long minDelivered = Long.MAX_VALUE;
        boolean allDelivered = true;
        for (String t : targets) {
            List<long[]> recs = dump(sink, t, ids);
            long[] lat = new long[recs.size()];
            long[] arr = new long[recs.size()];
            long dups = 0;
            int badTime = 0;
            for (int i = 0; i < recs.size(); i++) {
                lat[i] = recs.get(i)[0];
                arr[i] = recs.get(i)[1];
                dups += recs.get(i)[2] - 1;
                if (lat[i] < 0) {
                    badTime++;
                }
            }
            Arrays.sort(lat);
            Arrays.sort(arr);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("delivered", recs.size());
            m.put("missing", ids.size() - recs.size());
            m.put("duplicateDeliveries", dups);
            m.put("badEnvelopeTime", badTime);
            if (recs.size() > 0) {
                long last = arr[arr.length - 1];
                lastArrivalAll = Math.max(lastArrivalAll, last);
                m.put("firstArrivalS", round((arr[0] - t0) / 1000.0, 3));
                m.put("lastArrivalS", round((last - t0) / 1000.0, 3));
                m.put("deliveredPerSec", round(recs.size() * 1000.0 / Math.max(1, last - t0), 1));
                m.put("steadyPerSec", steady(arr));
                m.put("latencyMs", percentiles(Arrays.stream(lat).filter(v -> v >= 0).toArray()));
                m.put("latencyP99MsBy10s", p99ByWindow(recs, t0));
            }
            allDelivered &= recs.size() == ids.size();
            minDelivered = Math.min(minDelivered, recs.size());
            perTarget.put(t, m);
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", phase);
        out.put("mode", mode);
        out.put("plannedEvents", events);
        out.put("batch", batch);
        out.put("clients", clients);
        out.put("customers", customers);
        out.put("regions", regions);
        out.put("mix", mix);
        out.put("requests", batches.size());
        if (!saturate) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("targetPerSec", rate);
            r.put("durationS", duration);
            r.put("achievedPerSec", round(accepted.get() * 1000.0 / Math.max(1, acceptEnd - t0), 1));
            r.put("maxSchedulingLagMs", maxLagMs.get());
            out.put("rate", r);
        }
        out.put("startEpochMs", t0);
        out.put("sentInTime", sentInTime);
        out.put("accepted", accepted.get());
        putRequestOutcomes(out);
        out.put("acceptSeconds", round((acceptEnd - t0) / 1000.0, 3));
        out.put("acceptedPerSec", round(accepted.get() * 1000.0 / Math.max(1, acceptEnd - t0), 1));
        out.put("ingestRequestMs", percentiles(requestMs.stream().mapToLong(Long::longValue).sorted().toArray()));
        out.put("drained", drained && allDelivered);
        out.put("hubExited", hubGone);
        out.put("drainWaitS", round((drainEnd - sendEnd) / 1000.0, 3));
        out.put("targets", perTarget);
        out.put("eventKey", external ? "order external id (latency = sink arrival - Load's send time of the request)"
                : "event id (latency = sink arrival - envelope time)");
        out.put("sinkCalls", callsBetween(countersBefore, sinkCounters(sink)));
        if (lastArrivalAll > 0) {
            // events that reached every target ÷ time until the last of them arrived at the slowest target
            if (allDelivered) {
                out.put("deliveredAllSeconds", round((lastArrivalAll - t0) / 1000.0, 3));
            }
            out.put("deliveredPerSecAllTargets", round(minDelivered * 1000.0 / Math.max(1, lastArrivalAll - t0), 1));
        }
        out.put("resources", sampler.resources());
        out.put("curve", sampler.curve);
        String json = toJson(out);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), json + "\n");
        } else {
            System.out.println(json);
        }
        log("%s: done; drained=%s", phase, drained && allDelivered);
        System.exit(0);
    }

    enum Delivery { DRAINED, TIMED_OUT, HUB_GONE }

    /**
     * Waits until every target has seen {@code want} distinct events more than {@code baseline},
     * the deadline passes or the hub exits; logs progress every 5 s.
     */
    static Delivery awaitDelivered(String phase, String sink, List<String> targets, Map<String, Long> baseline,
            long want, long deadline, long hubPid) throws IOException, InterruptedException {
        return awaitDelivered(phase, sink, targets, baseline, want, deadline, hubPid, null);
    }

    /**
     * As above; with {@code ids}, a passing count is then checked exactly (the sink's distinct count also
     * holds the customer records the hub sends on its own, so it can pass before this phase's events are
     * all there): every id must be in the sink's dump of every target.
     */
    static Delivery awaitDelivered(String phase, String sink, List<String> targets, Map<String, Long> baseline,
            long want, long deadline, long hubPid, Set<String> ids) throws IOException, InterruptedException {
        long lastLog = 0;
        Map<String, Set<String>> pending = null;
        while (System.currentTimeMillis() < deadline) {
            if (hubPid > 0 && !ProcessHandle.of(hubPid).map(ProcessHandle::isAlive).orElse(false)) {
                log("%s: the hub (pid %d) has exited; not waiting for delivery", phase, hubPid);
                return Delivery.HUB_GONE;
            }
            Map<String, Long> now = sinkDistinct(sink, targets);
            if (targets.stream().allMatch(t -> now.getOrDefault(t, 0L) - baseline.getOrDefault(t, 0L) >= want)) {
                if (ids == null) {
                    return Delivery.DRAINED;
                }
                // only the ids not seen yet are asked for (POST /_bench/lookup), so the check stays cheap
                if (pending == null) {
                    pending = new LinkedHashMap<>();
                    for (String t : targets) {
                        pending.put(t, new HashSet<>(ids));
                    }
                }
                boolean every = true;
                StringBuilder s = new StringBuilder();
                for (String t : targets) {
                    Set<String> left = pending.get(t);
                    if (!left.isEmpty()) {
                        for (String line : FailingPhase.lookupLines(sink, t, new ArrayList<>(left))) {
                            left.remove(line.substring(0, line.indexOf(' ')));
                        }
                    }
                    every &= left.isEmpty();
                    s.append(' ').append(t).append('=').append(ids.size() - left.size());
                }
                if (every) {
                    return Delivery.DRAINED;
                }
                if (System.currentTimeMillis() - lastLog > 5000) {
                    lastLog = System.currentTimeMillis();
                    log("%s: waiting for delivery of %d (exact):%s", phase, ids.size(), s);
                }
                Thread.sleep(500);
                continue;
            }
            if (System.currentTimeMillis() - lastLog > 5000) {
                lastLog = System.currentTimeMillis();
                StringBuilder s = new StringBuilder();
                for (String t : targets) {
                    s.append(' ').append(t).append('=').append(now.getOrDefault(t, 0L) - baseline.getOrDefault(t, 0L));
                }
                log("%s: waiting for delivery of %d:%s", phase, want, s);
            }
            Thread.sleep(200);
        }
        return Delivery.TIMED_OUT;
    }

    // ---------------------------------------------------------------------------- failing phase

    /**
     * A failing customer: the latency phase's open-loop load (single-event requests) for the other
     * customers, while one customer (--fail-customer, default #1; the other streams skip it) gets one
     * order every --fail-interval-ms (1 s) in sequence 0,1,2,…, each sent after the previous was
     * accepted, and the sink answers 503 to every call carrying that customer's orders (their source ids
     * share a marker) for the whole window (warm-up + duration). Then the failure stops and the phase
     * waits until every one of its orders arrived, and checks that they arrived in sequence order.
     */
    static final class FailingPhase {

        static void run(String hub, String sink, long hubPid, long sinkPid, String phase, String runTag, int customers,
                List<String> regions, List<String> targets, Map<String, Double> mix, double rate, double duration,
                long drainTimeoutMs, long sendTimeoutMs, long seed) throws Exception {
            double warmup = Double.parseDouble(opt("warmup", "20"));
            int batch = Integer.parseInt(opt("batch", "1"));
            int clients = Integer.parseInt(opt("clients", "32"));
            int failCustomer = Integer.parseInt(opt("fail-customer", "1"));
            long failEveryMs = Long.parseLong(opt("fail-interval-ms", "1000"));
            List<String> failTargets = List.of(opt("fail-targets", String.join(",", targets)).split(","));
            String failRegion = regions.get(failCustomer % regions.size());

            Generator gen = new Generator(runTag, phase, customers, regions, mix, seed);
            gen.skipCustomer = failCustomer;
            int warmEvents = (int) Math.round(rate * warmup);
            int events = (int) Math.round(rate * duration);
            log("%s: generating %d + %d events for %d customers (customer %d left out), batch %d", phase, warmEvents,
                    events, customers, failCustomer, batch);
            List<Batch> all = gen.batches(warmEvents + events, batch);
            int warmBatches = (int) Math.min(all.size(), (warmEvents + batch - 1) / batch);
            List<Batch> warm = all.subList(0, warmBatches);
            List<Batch> measured = all.subList(warmBatches, all.size());
            Generator failGen = new Generator(runTag, phase + "-fc", customers, regions, Map.of("order", 1.0), seed);
            String marker = "BO-" + runTag + "-" + phase + "-fc-";

            Map<String, Map<String, Long>> countersBefore = sinkCounters(sink);
            Map<String, Long> baseline = sinkDistinct(sink, targets);
            Sampler sampler = new Sampler(hub, sink, targets, baseline, hubPid, sinkPid);
            long t0 = System.currentTimeMillis();
            sampler.t0 = t0;
            Thread samplerThread = new Thread(sampler, "sampler");
            samplerThread.setDaemon(true);
            samplerThread.start();

            long failUntil = t0 + (long) ((warmup + duration) * 1000) + sendTimeoutMs;   // ended explicitly below
            control(sink, "/_bench/fail?contains=" + URLEncoder.encode(marker, StandardCharsets.UTF_8) + "&until="
                    + failUntil + "&targets=" + String.join(",", failTargets));
            log("%s: the sink fails every call with \"%s\" at %s; customer %d (%s) gets an order every %d ms", phase,
                    marker, failTargets, failCustomer, failRegion, failEveryMs);

            List<String> failIds = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stopFailing = new AtomicBoolean();
            Thread failThread = new Thread(() -> {
                for (int k = 0; !stopFailing.get(); k++) {
                    long due = t0 + k * failEveryMs;
                    long wait;
                    while ((wait = due - System.currentTimeMillis()) > 0 && !stopFailing.get()) {
                        pause(Math.min(wait, 100));
                    }
                    if (stopFailing.get()) {
                        break;
                    }
                    failIds.add(sendOne(hub, failRegion, failGen.item(k, failCustomer, failRegion, "order")));
                }
            }, "failing-customer");
            failThread.start();

            log("%s: warm-up %d requests at %.0f events/s", phase, warm.size(), rate);
            boolean inTime = paced(hub, warm, clients, rate, batch, sendTimeoutMs);
            long acceptedWarm = accepted.get();
            acceptedIds.clear();
            long tMeasure = System.currentTimeMillis();
            log("%s: measured %d requests at %.0f events/s for %.0f s", phase, measured.size(), rate, duration);
            inTime &= paced(hub, measured, clients, rate, batch, sendTimeoutMs);
            long acceptEnd = lastAcceptMs.get() == 0 ? System.currentTimeMillis() : lastAcceptMs.get();
            stopFailing.set(true);
            failThread.join(30_000);
            control(sink, "/_bench/fail?until=0");
            long windowEnd = System.currentTimeMillis();
            Set<String> measuredIds = new HashSet<>(acceptedIds);
            List<String> failKeys = new ArrayList<>(failIds);
            long failAccepted = failKeys.stream().filter(Objects::nonNull).count();
            log("%s: window ended after %.1f s; others accepted %d (%d measured), failing customer %d of %d; waiting",
                    phase, (windowEnd - t0) / 1000.0, accepted.get(), measuredIds.size(), failAccepted, failKeys.size());

            long deadline = System.currentTimeMillis() + drainTimeoutMs;
            Delivery delivery = awaitDelivered(phase, sink, targets, baseline, accepted.get(), deadline, hubPid,
                    measuredIds);
            Set<String> failSet = new HashSet<>();
            failKeys.stream().filter(Objects::nonNull).forEach(failSet::add);
            Map<String, List<long[]>> failRecs = new LinkedHashMap<>();
            long lastLog = 0;
            while (delivery != Delivery.HUB_GONE) {
                boolean every = true;
                StringBuilder progress = new StringBuilder();
                for (String t : targets) {
                    List<long[]> recs = lookup(sink, t, failKeys);
                    failRecs.put(t, recs);
                    every &= recs.size() == failSet.size();
                    progress.append(' ').append(t).append('=').append(recs.size());
                }
                if (every || System.currentTimeMillis() > deadline) {
                    break;
                }
                if (System.currentTimeMillis() - lastLog > 5000) {
                    lastLog = System.currentTimeMillis();
                    log("%s: failing customer's %d orders arrived:%s", phase, failSet.size(), progress);
                }
                Thread.sleep(500);
            }
            sampler.stop = true;
            samplerThread.join(3000);
            sampler.sampleOnce();

            Map<String, Object> others = new LinkedHashMap<>();
            boolean allDelivered = true;
            for (String t : targets) {
                List<long[]> recs = dump(sink, t, measuredIds);
                long[] lat = recs.stream().mapToLong(r -> r[0]).filter(v -> v >= 0).sorted().toArray();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("delivered", recs.size());
                m.put("missing", measuredIds.size() - recs.size());
                m.put("duplicateDeliveries", recs.stream().mapToLong(r -> r[2] - 1).sum());
                m.put("latencyMs", percentiles(lat));
                m.put("latencyP99MsBy10s", p99ByWindow(recs, tMeasure));
                allDelivered &= recs.size() == measuredIds.size();
                others.put(t, m);
            }
            Map<String, Object> failing = new LinkedHashMap<>();
            failing.put("customer", failCustomer);
            failing.put("region", failRegion);
            failing.put("marker", marker);
            failing.put("failTargets", failTargets);
            failing.put("intervalMs", failEveryMs);
            failing.put("sent", failKeys.size());
            failing.put("accepted", failAccepted);
            boolean allInOrder = true;
            boolean failAll = true;
            Map<String, Object> perTarget = new LinkedHashMap<>();
            for (String t : targets) {
                // sequence index of each key, then the arrival numbers in sequence order
                Map<String, Integer> seqOf = new HashMap<>();
                for (int k = 0; k < failKeys.size(); k++) {
                    if (failKeys.get(k) != null) {
                        seqOf.put(failKeys.get(k), k);
                    }
                }
                List<String> lines = lookupLines(sink, t, failKeys);
                List<long[]> bySeq = new ArrayList<>();      // {seq, arrivalNo, arrivalMs, deliveries}
                for (String line : lines) {
                    String[] f = line.split(" ");
                    bySeq.add(new long[] {seqOf.get(f[0]), Long.parseLong(f[4]), Long.parseLong(f[2]), Long.parseLong(f[3])});
                }
                bySeq.sort(Comparator.comparingLong(r -> r[0]));
                boolean inOrder = true;
                for (int i = 1; i < bySeq.size(); i++) {
                    inOrder &= bySeq.get(i)[1] > bySeq.get(i - 1)[1];
                }
                long duringWindow = bySeq.stream().filter(r -> r[2] < windowEnd).count();
                long first = bySeq.stream().mapToLong(r -> r[2]).min().orElse(0);
                long last = bySeq.stream().mapToLong(r -> r[2]).max().orElse(0);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("arrived", bySeq.size());
                m.put("missing", failSet.size() - bySeq.size());
                m.put("inOrder", inOrder);
                m.put("arrivedDuringWindow", duringWindow);
                m.put("duplicateDeliveries", bySeq.stream().mapToLong(r -> r[3] - 1).sum());
                if (!bySeq.isEmpty()) {
                    m.put("firstArrivalAfterWindowS", round((first - windowEnd) / 1000.0, 3));
                    m.put("lastArrivalAfterWindowS", round((last - windowEnd) / 1000.0, 3));
                }
                allInOrder &= inOrder;
                failAll &= bySeq.size() == failSet.size();
                perTarget.put(t, m);
            }
            failing.put("targets", perTarget);
            failing.put("allArrived", failAll);
            failing.put("inOrder", allInOrder);

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("phase", phase);
            out.put("mode", "failing");
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("targetPerSec", rate);
            r.put("warmupS", warmup);
            r.put("durationS", duration);
            r.put("achievedPerSec", round(accepted.get() * 1000.0 / Math.max(1, acceptEnd - t0), 1));
            r.put("maxSchedulingLagMs", maxLagMs.get());
            out.put("rate", r);
            out.put("batch", batch);
            out.put("clients", clients);
            out.put("customers", customers);
            out.put("startEpochMs", t0);
            out.put("measureStartS", round((tMeasure - t0) / 1000.0, 3));
            out.put("windowS", round((windowEnd - t0) / 1000.0, 3));
            out.put("sentInTime", inTime);
            out.put("accepted", accepted.get());
            out.put("acceptedWarmup", acceptedWarm);
            out.put("measured", measuredIds.size());
            putRequestOutcomes(out);
            out.put("drained", allDelivered && failAll);
            out.put("hubExited", delivery == Delivery.HUB_GONE);
            out.put("targets", others);
            out.put("failingCustomer", failing);
            out.put("sinkCalls", callsBetween(countersBefore, sinkCounters(sink)));
            out.put("resources", sampler.resources());
            out.put("curve", sampler.curve);
            String json = toJson(out);
            if (opts.containsKey("out")) {
                Files.writeString(Path.of(opts.get("out")), json + "\n");
            } else {
                System.out.println(json);
            }
            log("%s: done; others delivered=%s, failing customer's orders all arrived=%s, in order=%s", phase,
                    allDelivered, failAll, allInOrder);
        }

        static void control(String sink, String pathAndQuery) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("sink " + pathAndQuery + ": HTTP " + r.statusCode());
            }
        }

        /** Sends one item and waits for its answer; its event id, or null when it was not accepted. */
        static String sendOne(String hub, String region, String item) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(hub + "/ingest/" + region + "/canonical"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + regionKeys.get(region))
                    .POST(HttpRequest.BodyPublishers.ofString(item)).build();
            for (int attempt = 1; attempt <= 5; attempt++) {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        Matcher m = EVENT_ID.matcher(response.body());
                        return m.find() ? m.group(1) : null;
                    }
                    if (response.statusCode() != 503 && response.statusCode() != 429) {
                        sample("failing customer: HTTP " + response.statusCode() + ": " + response.body());
                        return null;
                    }
                } catch (IOException e) {
                    sample("failing customer: " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                pause(500);
            }
            return null;
        }

        static List<String> lookupLines(String sink, String target, List<String> keys) throws IOException, InterruptedException {
            String body = String.join("\n", keys.stream().filter(Objects::nonNull).toList());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink + "/_bench/lookup?target=" + target))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> lines = new ArrayList<>();
            for (String line : r.body().split("\n")) {
                if (line.split(" ").length >= 5) {
                    lines.add(line);
                }
            }
            return lines;
        }

        static List<long[]> lookup(String sink, String target, List<String> keys) throws IOException, InterruptedException {
            return records(String.join("\n", lookupLines(sink, target, keys)),
                    new HashSet<>(keys.stream().filter(Objects::nonNull).toList()));
        }
    }

    // ------------------------------------------------------------------------------- file phase

    /**
     * One distributor order file end to end: written (GBK by default) outside the watched folder,
     * moved into it, then timed until the hub reports every row read and made durable or rejected
     * ({@code /api/files}), and until the sink has every order at every target.
     */
    static final class FilePhase {

        static final Pattern FILE_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
        static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

        static void run() throws Exception {
            String hub = req("hub");
            String sink = req("sink");
            long hubPid = Long.parseLong(opt("hub-pid", "-1"));
            long sinkPid = Long.parseLong(opt("sink-pid", "-1"));
            String phase = opt("phase", "file");
            String runTag = opt("run-tag", Long.toString(System.currentTimeMillis() / 1000));
            int rows = Integer.parseInt(opt("rows", "100000"));
            int customers = Integer.parseInt(opt("customers", "5000"));
            String region = opt("regions", "cn-east").split(",")[0];
            Path folder = Path.of(req("folder"));
            Path work = Path.of(req("work"));
            java.nio.charset.Charset encoding = java.nio.charset.Charset.forName(opt("encoding", "GBK"));
            List<String> targets = List.of(opt("targets", "crm,erp").split(","));
            long drainTimeoutMs = (long) (Double.parseDouble(opt("drain-timeout", "300")) * 1000);
            Random random = new Random(Long.parseLong(opt("seed", "42")));

            String name = "bench-" + phase + "-" + runTag + ".csv";
            Path written = work.resolve(name);
            int orders = 0;
            try (var out = Files.newBufferedWriter(written, encoding)) {
                out.write("订单号,经销商编码,客户名称,统一社会信用代码,产品编码,产品名称,数量,单价,币种,下单日期\r\n");
                int row = 0;
                while (row < rows) {
                    int lines = Math.min(rows - row, 1 + random.nextInt(4));
                    int customer = random.nextInt(customers);
                    String order = "FO-" + runTag + "-" + orders++;
                    String distributor = "D" + (1000 + customer % 2000);
                    LocalDate date = LocalDate.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28));
                    for (int l = 0; l < lines; l++, row++) {
                        int product = random.nextInt(400);
                        out.write(order + "," + distributor + "," + Generator.legalName(customer, "cn-east") + ","
                                + Generator.uscc(customer, "cn-east") + ",SKU-" + product + ",\"产品 " + product
                                + ", 标准型\"," + (1 + random.nextInt(50)) + "," + (10 + random.nextInt(990)) + "."
                                + String.format(Locale.ROOT, "%02d", random.nextInt(100)) + ",CNY,"
                                + (row % 3 == 0 ? date.toString() : row % 3 == 1
                                        ? date.getYear() + "/" + date.getMonthValue() + "/" + date.getDayOfMonth()
                                        : date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日")
                                + "\r\n");
                    }
                }
            }
            log("%s: wrote %d rows (%d orders, %.1f MB, %s) to %s", phase, rows, orders,
                    Files.size(written) / 1048576.0, encoding, written);

            Map<String, Long> baseline = sinkDistinct(sink, targets);
            Sampler sampler = new Sampler(hub, sink, targets, baseline, hubPid, sinkPid);
            long t0 = System.currentTimeMillis();
            sampler.t0 = t0;
            Thread samplerThread = new Thread(sampler, "sampler");
            samplerThread.setDaemon(true);
            samplerThread.start();
            Files.move(written, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

            // the hub's own account of the file: found by name, then polled until it is finished
            long deadline = t0 + drainTimeoutMs;
            String id = null;
            String status = null;
            String report = null;
            long doneAt = 0;
            while (System.currentTimeMillis() < deadline) {
                if (id == null) {
                    String list = get(hub, "/api/files?region=" + region + "&limit=20");
                    int at = list == null ? -1 : list.indexOf("\"" + name + "\"");
                    if (at >= 0) {
                        Matcher m = FILE_ID.matcher(list.substring(list.lastIndexOf('{', at)));
                        id = m.find() ? m.group(1) : null;
                    }
                } else {
                    report = get(hub, "/api/files/" + id);
                    Matcher m = report == null ? null : STATUS.matcher(report);
                    status = m != null && m.find() ? m.group(1) : status;
                    if ("DONE".equals(status) || "FAILED".equals(status) || "DUPLICATE".equals(status)) {
                        doneAt = System.currentTimeMillis();
                        break;
                    }
                }
                Thread.sleep(100);
            }
            long readEnd = doneAt == 0 ? System.currentTimeMillis() : doneAt;
            log("%s: file %s %s after %.1f s (%.0f rows/s)", phase, id, status, (readEnd - t0) / 1000.0,
                    rows * 1000.0 / Math.max(1, readEnd - t0));

            // every order at every target
            boolean drained = awaitDelivered(phase, sink, targets, baseline, orders, deadline, hubPid)
                    == Delivery.DRAINED;
            long drainEnd = System.currentTimeMillis();
            sampler.stop = true;
            samplerThread.join(3000);
            sampler.sampleOnce();

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("phase", phase);
            out.put("mode", "file");
            out.put("rows", rows);
            out.put("orders", orders);
            out.put("encoding", encoding.name());
            out.put("startEpochMs", t0);
            out.put("fileId", id);
            out.put("status", status);
            out.put("finished", doneAt > 0);
            out.put("readSeconds", round((readEnd - t0) / 1000.0, 3));
            out.put("rowsPerSec", doneAt == 0 ? null : round(rows * 1000.0 / Math.max(1, readEnd - t0), 1));
            out.put("drained", drained);
            out.put("deliveredSeconds", round((drainEnd - t0) / 1000.0, 3));
            out.put("ordersDeliveredPerSec", drained ? round(orders * 1000.0 / Math.max(1, drainEnd - t0), 1) : null);
            out.put("report", report == null ? null : report.length() > 2000 ? report.substring(0, 2000) : report);
            out.put("resources", sampler.resources());
            out.put("curve", sampler.curve);
            String json = toJson(out);
            if (opts.containsKey("out")) {
                Files.writeString(Path.of(opts.get("out")), json + "\n");
            } else {
                System.out.println(json);
            }
            log("%s: done; finished=%s drained=%s", phase, doneAt > 0, drained);
        }

        static String get(String hub, String path) throws InterruptedException {
            try {
                String password = System.getenv("HUB_ADMIN_PASSWORD");
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + path))
                        .timeout(Duration.ofSeconds(5)).GET();
                if (password != null) {
                    request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("admin:" + password.strip()).getBytes(StandardCharsets.UTF_8)));
                }
                HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? r.body() : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    // --------------------------------------------------------------------------- matching phase

    /**
     * Identity resolution under load: companies known to one to three regions (cn-east with the
     * 统一社会信用代码, cn-south under another company form, eu-west in English, every copy with the
     * same phone), sent as customer records as fast as the hub accepts them, and timed until the hub
     * has resolved every accepted one (its counter tributary.identity.resolved, kind=customer).
     */
    static final class MatchingPhase {

        static final String COUNTER = "tributary.identity.resolved?tag=kind:customer";

        /** Brand characters with their reading; pinyin4j (the hub's) knows no other reading of any of them. */
        static final String POOL = """
                华hua 泰tai 宏hong 鑫xin 瑞rui 达da 恒heng 德de 嘉jia 隆long 丰feng 源yuan 祥xiang 昌chang 顺shun
                兴xing 利li 通tong 安an 康kang 荣rong 富fu 贵gui 金jin 银yin 鼎ding 博bo 誉yu 创chuang 新xin 远yuan
                航hang 舜shun 禾he 凯kai 锦jin 腾teng 飞fei 辉hui 明ming 光guang 星xing 辰chen 宇yu 天tian 坤kun 元yuan
                亨heng 贞zhen 诚cheng 宝bao 佳jia 美mei 优you 卓zhuo 越yue 精jing 英ying 睿rui 智zhi 慧hui 中zhong
                国guo 联lian 协xie 力li 众zhong 友you 邦bang 盈ying 润run 泽ze 海hai 洋yang 峰feng 岳yue 川chuan 林lin
                森sen 松song 桦hua 梓zi 竹zhu 兰lan 菊ju 梅mei 莲lian 芳fang 威wei 龙long 虎hu 鹏peng 凤feng 麒qi
                麟lin 骏jun 驰chi 豪hao 雄xiong 伟wei 立li 正zheng 方fang 圆yuan 永yong 久jiu 春chun 秋qiu 冬dong
                东dong 西xi 北bei 晨chen 曦xi 阳yang 旭xu 日ri 月yue 云yun 雨yu 雷lei 风feng 霖lin 泉quan 湖hu 江jiang
                河he 山shan 玉yu 晶jing 钰yu 铭ming 锐rui 钧jun 奥ao 普pu 维wei 斯si 特te 克ke 诺nuo 沃wo 赛sai 迪di
                欧ou 亚ya 千qian 亿yi 兆zhao 汇hui 聚ju 集ji 群qun 伦lun 启qi 展zhan 进jin 宁ning 静jing 雅ya 逸yi
                轩xuan 昊hao 颐yi 恺kai 翔xiang 青qing 紫zi 彩cai 霞xia 朗lang 坦tan 福fu 禄lu 寿shou 喜xi 欣xin 悦yue
                怡yi 泓hong 湘xiang 沪hu 粤yue 闽min 浙zhe 苏su 鲁lu 豫yu 蜀shu 滇dian 黔qian 赣gan 晋jin 冀ji 津jin
                渝yu 桂gui 琼qiong 杰jie 勤qin 毅yi 勇yong 健jian 升sheng 益yi 瀚han 涵han 澜lan 灏hao 沛pei 浩hao
                淼miao 鸿hong 鹤he 燕yan 鹰ying 骐qi 璟jing 琪qi 瑾jin 璞pu 珑long 琦qi 晖hui 昱yu 晓xiao 盘pan 坚jian
                固gu 实shi 本ben 真zhen 善shan 仁ren 义yi 礼li 忠zhong 廉lian 竞jing 翼yi
                """;
        static final char[] CHARS;
        static final String[] READINGS;

        static {
            String[] tokens = POOL.strip().split("\\s+");
            CHARS = new char[tokens.length];
            READINGS = new String[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                CHARS[i] = tokens[i].charAt(0);
                READINGS[i] = tokens[i].substring(1);
            }
        }

        /** Line of business in Chinese and English, as the hub's LinesOfBusiness names the same concept. */
        static final String[][] INDUSTRIES = {
                {"科技", "Technology"}, {"电子", "Electronics"}, {"贸易", "Trading"}, {"机械", "Machinery"},
                {"物流", "Logistics"}, {"软件", "Software"}, {"化工", "Chemical"}, {"包装", "Packaging"},
                {"材料", "Materials"}, {"食品", "Foods"}, {"医疗", "Medical"}, {"纺织", "Textile"},
                {"环保", "Environmental"}, {"能源", "Energy"}, {"精密", "Precision"}, {"仪器", "Instruments"},
                {"塑胶", "Plastics"}, {"家具", "Furniture"}, {"汽配", "Auto Parts"}, {"供应链", "Supply Chain"},
                {"半导体", "Semiconductor"}, {"五金", "Hardware"}, {"咨询", "Consulting"}};

        /** City, its pinyin (as pinyin4j reads it, so the hub sets it aside in an English name), province, area code, division. */
        static final String[][] CITIES = {
                {"上海", "Shanghai", "上海", "Shanghai", "21", "310115"},
                {"北京", "Beijing", "北京", "Beijing", "10", "110108"},
                {"广州", "Guangzhou", "广东", "Guangdong", "20", "440106"},
                {"深圳", "Shenzhen", "广东", "Guangdong", "755", "440305"},
                {"杭州", "Hangzhou", "浙江", "Zhejiang", "571", "330106"},
                {"南京", "Nanjing", "江苏", "Jiangsu", "25", "320106"},
                {"苏州", "Suzhou", "江苏", "Jiangsu", "512", "320506"},
                {"武汉", "Wuhan", "湖北", "Hubei", "27", "420106"},
                {"宁波", "Ningbo", "浙江", "Zhejiang", "574", "330203"},
                {"青岛", "Qingdao", "山东", "Shandong", "532", "370202"},
                {"天津", "Tianjin", "天津", "Tianjin", "22", "120101"},
                {"无锡", "Wuxi", "江苏", "Jiangsu", "510", "320213"},
                {"东莞", "Dongguan", "广东", "Guangdong", "769", "441900"},
                {"佛山", "Foshan", "广东", "Guangdong", "757", "440604"},
                {"合肥", "Hefei", "安徽", "Anhui", "551", "340104"},
                {"福州", "Fuzhou", "福建", "Fujian", "591", "350102"},
                {"济南", "Jinan", "山东", "Shandong", "531", "370102"},
                {"郑州", "Zhengzhou", "河南", "Henan", "371", "410105"},
                {"大连", "Dalian", "辽宁", "Liaoning", "411", "210202"},
                {"温州", "Wenzhou", "浙江", "Zhejiang", "577", "330302"}};

        static final String[][] ROADS = {
                {"人民路", "Renmin Road"}, {"建设路", "Jianshe Road"}, {"解放路", "Jiefang Road"},
                {"中山路", "Zhongshan Road"}, {"张江路", "Zhangjiang Road"}, {"科苑路", "Keyuan Road"},
                {"高新大道", "Gaoxin Avenue"}, {"滨江大道", "Binjiang Avenue"}, {"工业园路", "Gongyeyuan Road"},
                {"创业路", "Chuangye Road"}, {"新华路", "Xinhua Road"}, {"和平路", "Heping Road"}};

        static final String[][] PEOPLE = {
                {"王伟", "Wang Wei"}, {"李娜", "Li Na"}, {"张磊", "Zhang Lei"}, {"刘洋", "Liu Yang"},
                {"陈静", "Chen Jing"}, {"杨帆", "Yang Fan"}, {"赵敏", "Zhao Min"}, {"黄勇", "Huang Yong"},
                {"周杰", "Zhou Jie"}, {"吴芳", "Wu Fang"}, {"徐强", "Xu Qiang"}, {"孙丽", "Sun Li"}};

        /** Places that lead a Chinese company name (the hub sets them aside): no brand starts with one. */
        static final List<String> PLACES = List.of(
                "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
                "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
                "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "广州", "深圳", "杭州", "南京", "苏州",
                "成都", "武汉", "西安", "长沙", "青岛", "厦门", "福州", "宁波", "合肥", "济南", "郑州", "沈阳", "大连",
                "长春", "哈尔滨", "石家庄", "太原", "南昌", "南宁", "昆明", "贵阳", "兰州", "西宁", "银川", "乌鲁木齐",
                "拉萨", "海口", "三亚", "呼和浩特", "无锡", "常州", "南通", "徐州", "温州", "绍兴", "嘉兴", "金华", "台州",
                "佛山", "东莞", "珠海", "中山", "惠州", "汕头", "泉州", "漳州", "烟台", "潍坊", "临沂", "洛阳", "宜昌",
                "襄阳", "株洲", "湘潭", "绵阳", "柳州", "桂林", "扬州", "镇江", "盐城", "泰州", "芜湖", "唐山", "保定",
                "廊坊", "鞍山", "大庆", "包头", "鄂尔多斯", "昆山", "江门", "湛江", "义乌", "舟山");

        record Company(int index, String brand, String brandPinyin, String[] industry, String[] city, String[] road,
                int number, String[] person, String phone, String domain, List<String> regions) {

            String sourceId(String runTag) {
                return "MC-" + runTag + "-" + index;
            }

            String uscc() {
                return usccOf("91" + city[5] + "MD" + String.format(Locale.ROOT, "%07d", index));
            }

            /** The English name: city, brand and business in pinyin and English, e.g. Hangzhou Ruitai Electronics Co., Ltd. */
            String englishName() {
                return city[1] + " " + Character.toUpperCase(brandPinyin.charAt(0)) + brandPinyin.substring(1) + " "
                        + industry[1] + " Co., Ltd.";
            }
        }

        /** A code with its GB 32100 check character, computed as Generator.uscc does. */
        static String usccOf(String first17) {
            int sum = 0;
            int weight = 1;
            for (int i = 0; i < 17; i++) {
                sum += Generator.ALPHABET.indexOf(first17.charAt(i)) * weight;
                weight = weight * 3 % 31;
            }
            return first17 + Generator.ALPHABET.charAt((31 - sum % 31) % 31);
        }

        /**
         * {@code count} companies, the same for the same seed: a brand of 2 or 3 pool characters that no
         * other company has (nor the same brand reading in the same business), 1 to 3 of the regions
         * (half in one, a third in two, a sixth in all three: about 1.67 source customers per company).
         */
        static List<Company> companies(int count, List<String> regions, long seed) {
            Random random = new Random(seed * 1_000_003L + 0x6D61L);
            Set<String> brands = new HashSet<>();
            Set<String> english = new HashSet<>();
            List<Company> result = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String brand;
                String reading;
                String[] industry;
                int attempts = 0;
                while (true) {
                    int length = random.nextInt(5) < 3 ? 2 : 3;
                    StringBuilder b = new StringBuilder();
                    StringBuilder y = new StringBuilder();
                    int last = -1;
                    for (int k = 0; k < length; k++) {
                        int c;
                        do {
                            c = random.nextInt(CHARS.length);
                        } while (c == last);
                        last = c;
                        b.append(CHARS[c]);
                        y.append(READINGS[c]);
                    }
                    brand = b.toString();
                    reading = y.toString();
                    industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
                    String b2 = brand;
                    if (!brands.contains(brand) && !english.contains(reading + "|" + industry[1])
                            && PLACES.stream().noneMatch(b2::startsWith)) {
                        break;
                    }
                    if (++attempts > 10_000) {
                        throw new IllegalStateException("the brand pool is too small for " + count + " companies");
                    }
                }
                brands.add(brand);
                english.add(reading + "|" + industry[1]);
                String[] city = CITIES[random.nextInt(CITIES.length)];
                String[] road = ROADS[random.nextInt(ROADS.length)];
                int number = 1 + random.nextInt(999);
                String[] person = PEOPLE[random.nextInt(PEOPLE.length)];
                String phone = "+86" + city[4] + (58_880_000L + i);
                String domain = reading + industry[1].split(" ")[0].toLowerCase(Locale.ROOT) + ".com";
                double x = random.nextDouble();
                int k = Math.min(regions.size(), x < 0.5 ? 1 : x < 5.0 / 6 ? 2 : 3);
                List<String> shuffled = new ArrayList<>(regions);
                Collections.shuffle(shuffled, random);
                Set<String> chosen = new HashSet<>(shuffled.subList(0, k));
                List<String> in = regions.stream().filter(chosen::contains).toList();
                result.add(new Company(i, brand, reading, industry, city, road, number, person, phone, domain, in));
            }
            return result;
        }

        /** The customer record of company {@code c} as {@code region}'s system writes it. */
        static String item(Company c, String region, String runTag, long version, String now) {
            boolean cn = Generator.china(region);
            boolean east = region.equals("cn-east");
            boolean south = region.equals("cn-south");
            String sid = c.sourceId(runTag);
            StringBuilder s = new StringBuilder(700);
            s.append("{\"type\":\"customer\",\"sourceEventId\":\"").append(sid).append('-').append(region)
                    .append("-v1\",\"data\":{\"legalName\":\"")
                    .append(cn ? c.brand() + c.industry()[0] + (south ? "股份有限公司" : "有限公司") : c.englishName())
                    .append('"');
            if (east) {
                s.append(",\"unifiedSocialCreditCode\":\"").append(c.uscc()).append('"');
            }
            s.append(",\"country\":\"CN\",\"province\":\"").append(cn ? c.city()[2] : c.city()[3])
                    .append("\",\"city\":\"").append(cn ? c.city()[0] + (south ? "市" : "") : c.city()[1])
                    .append("\",\"address\":\"")
                    .append(cn ? c.road()[0] + " " + c.number() + " 号" : "No. " + c.number() + " " + c.road()[1])
                    .append("\",\"industry\":\"").append(cn ? c.industry()[0] : c.industry()[1])
                    .append("\",\"tier\":\"STANDARD\",\"contacts\":[{\"name\":\"")
                    .append(cn ? c.person()[0] : c.person()[1]).append("\",\"phone\":\"").append(c.phone())
                    .append("\",\"email\":\"")
                    .append(south ? c.person()[1].replace(" ", "").toLowerCase(Locale.ROOT) + (c.index() % 1000) + "@163.com"
                            : "sales@" + c.domain())
                    .append("\"}],\"sourceRefs\":[{\"system\":\"").append(Generator.system(region))
                    .append("\",\"sourceId\":\"").append(sid).append("\"}],\"version\":").append(version)
                    .append(",\"updatedAt\":\"").append(now).append("\"}}");
            return s.toString();
        }

        static void run(String hub, String sink, long hubPid, long sinkPid, String phase, String runTag,
                List<String> regions, List<String> targets, int batch, int clients, long drainTimeoutMs,
                long sendTimeoutMs, long seed) throws Exception {
            int count = Integer.parseInt(opt("companies", "6000"));
            int check = Integer.parseInt(opt("check", "200"));
            List<Company> companies = companies(count, regions, seed);
            long version = System.currentTimeMillis() * 1000;
            String now = Instant.now().toString();
            Map<String, List<String>> byRegion = new LinkedHashMap<>();
            regions.forEach(r -> byRegion.put(r, new ArrayList<>()));
            int items = 0;
            for (Company c : companies) {
                for (String region : c.regions()) {
                    byRegion.get(region).add(item(c, region, runTag, version, now));
                    items++;
                }
            }
            List<Batch> batches = Generator.interleave(byRegion, batch);
            Map<String, Integer> perRegion = new LinkedHashMap<>();
            byRegion.forEach((r, l) -> perRegion.put(r, l.size()));
            log("%s: %d companies as %d source customers %s, e.g. %s / %s; batch %d, %d clients", phase, count, items,
                    perRegion, companies.get(0).brand() + companies.get(0).industry()[0] + "有限公司",
                    companies.get(0).englishName(), batch, clients);

            if (metric(hub, "jvm.memory.used?tag=area:heap") < 0) {
                log("%s: WARNING: cannot read the hub's /actuator/metrics (HUB_ADMIN_PASSWORD?); resolution cannot be timed",
                        phase);
            }
            double base = Math.max(0, metric(hub, COUNTER));   // -1: nothing resolved yet, no counter
            Map<String, Long> sinkBase = sinkDistinct(sink, targets);
            Sampler sampler = new Sampler(hub, sink, targets, sinkBase, hubPid, sinkPid);
            sampler.counter = COUNTER;
            sampler.counterBase = base;
            long t0 = System.currentTimeMillis();
            sampler.t0 = t0;
            Thread samplerThread = new Thread(sampler, "sampler");
            samplerThread.setDaemon(true);
            samplerThread.start();

            boolean sentInTime = saturate(hub, batches, clients, sendTimeoutMs);
            long sendEnd = System.currentTimeMillis();
            long acceptEnd = lastAcceptMs.get() == 0 ? sendEnd : lastAcceptMs.get();
            long want = accepted.get();
            log("%s: accepted %d, rejected %d, errors %d in %.1f s (%.0f customers/s)", phase, want, rejected.get(),
                    errors.get(), (acceptEnd - t0) / 1000.0, want * 1000.0 / Math.max(1, acceptEnd - t0));

            // the hub's own count of resolved customers, until it has grown by every accepted one
            long deadline = sendEnd + drainTimeoutMs;
            long resolvedAt = 0;
            long resolved = 0;
            boolean hubGone = false;
            long lastLog = System.currentTimeMillis();
            while (true) {
                double v = metric(hub, COUNTER);
                if (v >= 0) {
                    resolved = Math.round(v - base);
                    if (resolved >= want) {
                        resolvedAt = System.currentTimeMillis();
                        break;
                    }
                }
                if (System.currentTimeMillis() >= deadline) {
                    break;
                }
                if (hubPid > 0 && !ProcessHandle.of(hubPid).map(ProcessHandle::isAlive).orElse(false)) {
                    log("%s: the hub (pid %d) has exited; not waiting for resolution", phase, hubPid);
                    hubGone = true;
                    break;
                }
                if (System.currentTimeMillis() - lastLog > 5000) {
                    lastLog = System.currentTimeMillis();
                    log("%s: resolved %d of %d", phase, resolved, want);
                }
                Thread.sleep(100);
            }
            long waitEnd = System.currentTimeMillis();
            sampler.stop = true;
            samplerThread.join(3000);
            sampler.sampleOnce();
            boolean drained = resolvedAt > 0;
            if (drained) {
                log("%s: all %d resolved %.1f s after the first request: %.0f customers/s", phase, want,
                        (resolvedAt - t0) / 1000.0, want * 1000.0 / Math.max(1, resolvedAt - t0));
            } else if (!hubGone) {
                log("%s: NOT all resolved within %.0f s after sending: %d of %d", phase, drainTimeoutMs / 1000.0,
                        resolved, want);
            }
            Map<String, Object> merged = check > 0 && !hubGone ? checkMerges(hub, companies, runTag, check) : null;
            if (merged != null) {
                log("%s: of %s companies known in several regions (sampled), %s have one customer for all their sources, %s are split, %s have a source not found",
                        phase, merged.get("companies"), merged.get("oneCustomer"), merged.get("split"), merged.get("missing"));
            }

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("phase", phase);
            out.put("mode", "matching");
            out.put("companies", count);
            out.put("events", items);
            out.put("perRegion", perRegion);
            out.put("batch", batch);
            out.put("clients", clients);
            out.put("regions", regions);
            out.put("requests", batches.size());
            out.put("startEpochMs", t0);
            out.put("sentInTime", sentInTime);
            out.put("accepted", want);
            putRequestOutcomes(out);
            out.put("acceptSeconds", round((acceptEnd - t0) / 1000.0, 3));
            out.put("acceptedPerSec", round(want * 1000.0 / Math.max(1, acceptEnd - t0), 1));
            out.put("ingestRequestMs", percentiles(requestMs.stream().mapToLong(Long::longValue).sorted().toArray()));
            out.put("resolved", resolved);
            out.put("resolvedSeconds", drained ? round((resolvedAt - t0) / 1000.0, 3) : null);
            out.put("customersResolvedPerSec", drained ? round(want * 1000.0 / Math.max(1, resolvedAt - t0), 1) : null);
            out.put("resolvedPerSecSoFar", round(resolved * 1000.0 / Math.max(1, waitEnd - t0), 1));
            out.put("drained", drained);
            out.put("hubExited", hubGone);
            out.put("mergeCheck", merged);
            out.put("resources", sampler.resources());
            out.put("curve", sampler.curve);
            String json = toJson(out);
            if (opts.containsKey("out")) {
                Files.writeString(Path.of(opts.get("out")), json + "\n");
            } else {
                System.out.println(json);
            }
            log("%s: done; drained=%s", phase, drained);
        }

        static final Pattern GLOBAL_ID = Pattern.compile("\"globalCustomerId\"\\s*:\\s*\"([^\"]+)\"");

        /**
         * Looks up every source of up to {@code n} companies known in two or more regions (spread over
         * all of them) and counts those whose sources all belong to one global customer.
         */
        static Map<String, Object> checkMerges(String hub, List<Company> companies, String runTag, int n)
                throws InterruptedException {
            List<Company> multi = companies.stream().filter(c -> c.regions().size() > 1).toList();
            int step = Math.max(1, multi.size() / Math.max(1, n));
            int checked = 0;
            int one = 0;
            int split = 0;
            int missing = 0;
            List<String> splitSamples = new ArrayList<>();
            for (int i = 0; i < multi.size() && checked < n; i += step) {
                Company c = multi.get(i);
                Set<String> ids = new HashSet<>();
                boolean gone = false;
                for (String region : c.regions()) {
                    String body = FilePhase.get(hub, "/api/customers/by-source/" + region + "/" + Generator.system(region)
                            + "/" + c.sourceId(runTag));
                    Matcher m = body == null ? null : GLOBAL_ID.matcher(body);
                    if (m != null && m.find()) {
                        ids.add(m.group(1));
                    } else {
                        gone = true;
                    }
                }
                checked++;
                if (gone) {
                    missing++;
                } else if (ids.size() == 1) {
                    one++;
                } else {
                    split++;
                    if (splitSamples.size() < 5) {
                        splitSamples.add(c.brand() + c.industry()[0] + " / " + c.englishName() + " " + c.regions() + " -> " + ids);
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("companies", checked);
            m.put("oneCustomer", one);
            m.put("split", split);
            m.put("missing", missing);
            m.put("splitSamples", splitSamples);
            return m;
        }
    }

    // ----------------------------------------------------------------------------- lookup phase

    /**
     * Reads of the customer API with many golden records in the database (seeded by the seed mode
     * while the hub was stopped): for --duration seconds, --clients threads each GET, one after the
     * other, a random seeded customer, alternately by global id and by source reference, and record
     * each request's latency (after --warmup seconds of the same, not counted).
     */
    static final class LookupPhase {

        static final String[] ENDPOINTS = {"byId", "bySource"};

        /** One client's latencies per endpoint, in microseconds, with their ms offset from the measured start. */
        static final class Recorder {
            final long[][] micros = {new long[1 << 14], new long[1 << 14]};
            final long[][] at = {new long[1 << 14], new long[1 << 14]};
            final int[] size = new int[2];
            final long[] failed = new long[2];
            long warmupRequests;

            void add(int endpoint, long us, long offsetMs) {
                int n = size[endpoint];
                if (n == micros[endpoint].length) {
                    micros[endpoint] = Arrays.copyOf(micros[endpoint], n * 2);
                    at[endpoint] = Arrays.copyOf(at[endpoint], n * 2);
                }
                micros[endpoint][n] = us;
                at[endpoint][n] = offsetMs;
                size[endpoint] = n + 1;
            }
        }

        static void run() throws Exception {
            String hub = req("hub");
            String sink = opt("sink", null);
            long hubPid = Long.parseLong(opt("hub-pid", "-1"));
            long sinkPid = Long.parseLong(opt("sink-pid", "-1"));
            String phase = opt("phase", "lookup");
            int golden = Integer.parseInt(opt("golden", "1000000"));
            double duration = Double.parseDouble(opt("duration", "30"));
            double warmup = Double.parseDouble(opt("warmup", "30"));
            int clients = Integer.parseInt(opt("clients", "8"));
            String password = System.getenv("HUB_ADMIN_PASSWORD");
            String auth = password == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                    ("admin:" + password.strip()).getBytes(StandardCharsets.UTF_8));

            // the seeded records must be there, first and last
            for (int n : new int[] {0, golden - 1}) {
                if (FilePhase.get(hub, "/api/customers/by-source/bench/seed/S" + n) == null) {
                    log("%s: WARNING: seeded customer S%d (%s) not found; were %d golden records seeded?", phase, n,
                            Seed.globalId(n), golden);
                }
            }

            List<String> targets = sink == null ? List.of() : List.of(opt("targets", "crm,erp").split(","));
            Sampler sampler = new Sampler(hub, sink, targets, sink == null ? Map.of() : sinkDistinct(sink, targets),
                    hubPid, sinkPid);
            long start = System.nanoTime();
            long measureFrom = start + (long) (warmup * 1e9);
            long end = measureFrom + (long) (duration * 1e9);
            long t0 = System.currentTimeMillis() + (long) (warmup * 1000);
            sampler.t0 = t0;
            Thread samplerThread = new Thread(sampler, "sampler");
            samplerThread.setDaemon(true);
            samplerThread.start();
            log("%s: %d clients, %.0f s warm-up then %.0f s of GET /api/customers/{id} and /api/customers/by-source/bench/seed/{S<n>} over %d golden records",
                    phase, clients, warmup, duration, golden);

            List<Recorder> recorders = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                Recorder rec = new Recorder();
                recorders.add(rec);
                int client = c;
                pool.execute(() -> {
                    Random random = new Random(0x10_0C_0FL * (client + 1));
                    long i = client;
                    while (System.nanoTime() < end) {
                        int n = random.nextInt(golden);
                        int endpoint = (int) (i++ & 1);
                        String id = Seed.globalId(n);
                        String path = endpoint == 0 ? "/api/customers/" + id : "/api/customers/by-source/bench/seed/S" + n;
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + path))
                                .timeout(Duration.ofSeconds(10)).GET();
                        if (auth != null) {
                            request.header("Authorization", auth);
                        }
                        long began = System.nanoTime();
                        int status;
                        String body;
                        try {
                            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            body = r.body();
                        } catch (IOException e) {
                            status = -1;
                            body = e.toString();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long done = System.nanoTime();
                        statusCounts.computeIfAbsent(status, s -> new LongAdder()).increment();
                        boolean ok = status == 200 && body.contains(id);
                        if (began < measureFrom) {
                            rec.warmupRequests++;
                            continue;
                        }
                        if (ok) {
                            rec.add(endpoint, (done - began) / 1000, (began - measureFrom) / 1_000_000);
                        } else {
                            rec.failed[endpoint]++;
                            sample(path + " -> " + status + ": " + body);
                        }
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination((long) (warmup + duration + 60), TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            long measuredMs = Math.max(1, (System.nanoTime() - measureFrom) / 1_000_000);
            sampler.stop = true;
            samplerThread.join(3000);
            sampler.sampleOnce();

            Map<String, Object> endpoints = new LinkedHashMap<>();
            long[][] all = new long[2][];
            long total = 0;
            long failedTotal = 0;
            long warmupRequests = 0;
            Double worstP99 = null;
            for (int e = 0; e < 2; e++) {
                int n = 0;
                for (Recorder r : recorders) {
                    n += r.size[e];
                }
                long[] us = new long[n];
                int k = 0;
                long failed = 0;
                for (Recorder r : recorders) {
                    System.arraycopy(r.micros[e], 0, us, k, r.size[e]);
                    k += r.size[e];
                    failed += r.failed[e];
                }
                Arrays.sort(us);
                all[e] = us;
                total += n;
                failedTotal += failed;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", e == 0 ? "/api/customers/{globalCustomerId}" : "/api/customers/by-source/{region}/{system}/{sourceId}");
                m.put("count", n);
                m.put("failed", failed);
                m.put("perSec", round(n * 1000.0 / measuredMs, 1));
                Map<String, Object> lat = microsPercentiles(us);
                m.put("latencyMs", lat);
                if (lat.get("p99") instanceof Double p99) {
                    worstP99 = worstP99 == null ? p99 : Math.max(worstP99, p99);
                }
                endpoints.put(ENDPOINTS[e], m);
            }
            for (Recorder r : recorders) {
                warmupRequests += r.warmupRequests;
            }
            long[] both = new long[all[0].length + all[1].length];
            System.arraycopy(all[0], 0, both, 0, all[0].length);
            System.arraycopy(all[1], 0, both, all[0].length, all[1].length);
            Arrays.sort(both);
            // p99 of each 5-second window, both endpoints (shows warm-up, collections, compactions)
            Map<Integer, List<Long>> windows = new TreeMap<>();
            for (Recorder r : recorders) {
                for (int e = 0; e < 2; e++) {
                    for (int i = 0; i < r.size[e]; i++) {
                        windows.computeIfAbsent((int) (r.at[e][i] / 5000), w -> new ArrayList<>()).add(r.micros[e][i]);
                    }
                }
            }
            List<Double> byWindow = new ArrayList<>();
            windows.values().forEach(w -> {
                long[] sorted = w.stream().mapToLong(Long::longValue).sorted().toArray();
                byWindow.add(round(rank(sorted, 99) / 1000.0, 2));
            });

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("phase", phase);
            out.put("mode", "lookup");
            out.put("golden", golden);
            out.put("clients", clients);
            out.put("warmupS", warmup);
            out.put("durationS", duration);
            out.put("startEpochMs", t0);
            out.put("warmupRequests", warmupRequests);
            out.put("requests", total);
            out.put("failed", failedTotal);
            out.put("requestsPerSec", round(total * 1000.0 / measuredMs, 1));
            Map<String, Object> statuses = new TreeMap<>();
            statusCounts.forEach((k, v) -> statuses.put(Integer.toString(k), v.sum()));
            out.put("httpStatus", statuses);
            out.put("errorSamples", new ArrayList<>(errorSamples));
            out.put("endpoints", endpoints);
            out.put("latencyMs", microsPercentiles(both));
            out.put("p99MsBy5s", byWindow);
            out.put("lookupP99Ms", worstP99);
            String seedResult = opt("seed-result", null);
            if (seedResult != null && Files.isRegularFile(Path.of(seedResult))) {
                out.put("seed", new RawJson(Files.readString(Path.of(seedResult)).strip()));
            }
            out.put("resources", sampler.resources());
            out.put("curve", sampler.curve);
            String json = toJson(out);
            if (opts.containsKey("out")) {
                Files.writeString(Path.of(opts.get("out")), json + "\n");
            } else {
                System.out.println(json);
            }
            log("%s: %d lookups (%.0f/s), %d failed; p99 ms byId %s, bySource %s", phase, total,
                    total * 1000.0 / measuredMs, failedTotal, path(endpoints, "byId"), path(endpoints, "bySource"));
        }

        static Object path(Map<String, Object> endpoints, String name) {
            Object m = endpoints.get(name);
            Object lat = m instanceof Map<?, ?> mm ? mm.get("latencyMs") : null;
            return lat instanceof Map<?, ?> l ? l.get("p99") : null;
        }

        /** Percentiles of sorted microseconds, in milliseconds. */
        static Map<String, Object> microsPercentiles(long[] sorted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", sorted.length);
            if (sorted.length == 0) {
                return m;
            }
            m.put("p50", round(rank(sorted, 50) / 1000.0, 2));
            m.put("p95", round(rank(sorted, 95) / 1000.0, 2));
            m.put("p99", round(rank(sorted, 99) / 1000.0, 2));
            m.put("p999", round(rank(sorted, 99.9) / 1000.0, 2));
            m.put("max", round(sorted[sorted.length - 1] / 1000.0, 2));
            m.put("mean", round(Arrays.stream(sorted).average().orElse(0) / 1000.0, 3));
            return m;
        }
    }

    /** Text that is already JSON, written as it is. */
    record RawJson(String json) {
    }

    // ------------------------------------------------------------------------------- seed step

    /**
     * Inserts golden records straight into the hub's database (the hub stopped): per record n one
     * identity_customer row (global id GC- + 16 hex digits of mix(n)) and one identity_source row
     * (bench/seed/S<n>), with JDBC batches and a commit per batch. Needs the database's JDBC driver
     * on the class path (java -cp h2.jar bench/Load.java seed ...).
     */
    static final class Seed {

        /**
         * Spreads n over 48 bits, in order (n × 10,368,889; distinct and increasing up to n = 27 million):
         * every seeded key then goes in after the previous one, which H2 inserts about twice as fast as
         * keys in random order (measured: ~6,300 against ~3,200 golden records/s at 200,000), and a
         * lookup of a random record costs the same.
         */
        static long mix(long n) {
            return n * 0x9E3779L;
        }

        /** GC-5EED + 12 hex digits: a global id no hub-made one (16 hex digits of a SHA-256) is likely to equal. */
        static String globalId(long n) {
            return "GC-5EED" + String.format(Locale.ROOT, "%012X", mix(n));
        }

        /** The hub's source key (dev.tributary.identity.Keys): each part as its length, ':' and the part. */
        static String key(String... parts) {
            StringBuilder k = new StringBuilder();
            for (String p : parts) {
                k.append(p.length()).append(':').append(p);
            }
            return k.toString();
        }

        /** A valid 统一社会信用代码 of seeded record n (division 120000, organisation code MB + 7 base-31 digits). */
        static String uscc(long n) {
            StringBuilder code = new StringBuilder();
            long v = n;
            for (int i = 0; i < 7; i++) {
                code.insert(0, Generator.ALPHABET.charAt((int) (v % 31)));
                v /= 31;
            }
            return MatchingPhase.usccOf("91120000MB" + code);
        }

        static void run() throws Exception {
            String url = req("db");
            String user = opt("db-user", "sa");
            String password = opts.getOrDefault("db-password", "");
            long golden = Long.parseLong(opt("golden", "1000000"));
            int batch = Integer.parseInt(opt("seed-batch", "5000"));
            boolean compact = Boolean.parseBoolean(opt("compact", "true"));
            long started = System.nanoTime();
            long existing;
            long inserted = 0;
            long insertNanos;
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password)) {
                c.setAutoCommit(false);
                try (var q = c.prepareStatement(
                        "SELECT COUNT(*) FROM identity_source WHERE region = 'bench' AND source_system = 'seed'");
                        var rs = q.executeQuery()) {
                    rs.next();
                    existing = rs.getLong(1);
                }
                if (existing > 0) {
                    log("seed: %d seeded records are there already; adding S%d and up", existing, existing);
                }
                java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
                try (var customer = c.prepareStatement("INSERT INTO identity_customer (global_customer_id, merged_into,"
                        + " uscc, tax_id, tier, golden, lineage, search_text, version, created_at, updated_at)"
                        + " VALUES (?, NULL, ?, NULL, 'STANDARD', ?, '{}', ?, 1, ?, ?)");
                        var source = c.prepareStatement("INSERT INTO identity_source (source_key, region, source_system,"
                                + " source_id, global_customer_id, has_record, profile, record, event_id,"
                                + " source_version, source_updated_at, received_at)"
                                + " VALUES (?, 'bench', 'seed', ?, ?, TRUE, NULL, ?, NULL, 1, ?, ?)")) {
                    int inBatch = 0;
                    long lastLog = System.nanoTime();
                    for (long n = existing; n < golden; n++) {
                        String id = globalId(n);
                        String sourceId = "S" + n;
                        String uscc = uscc(n);
                        String name = "Seed Customer " + n + " Co., Ltd.";
                        String json = "{\"globalCustomerId\":\"" + id + "\",\"legalName\":\"" + name
                                + "\",\"unifiedSocialCreditCode\":\"" + uscc + "\",\"country\":\"CN\",\"tier\":\"STANDARD\","
                                + "\"sourceRefs\":[{\"region\":\"bench\",\"system\":\"seed\",\"sourceId\":\"" + sourceId
                                + "\"}],\"version\":1}";
                        customer.setString(1, id);
                        customer.setString(2, uscc);
                        customer.setString(3, json);
                        customer.setString(4, "|" + name.toLowerCase(Locale.ROOT) + "|" + uscc.toLowerCase(Locale.ROOT) + "|");
                        customer.setObject(5, now);
                        customer.setObject(6, now);
                        customer.addBatch();
                        source.setString(1, key("bench", "seed", sourceId));
                        source.setString(2, sourceId);
                        source.setString(3, id);
                        source.setString(4, json);
                        source.setObject(5, now);
                        source.setObject(6, now);
                        source.addBatch();
                        inserted++;
                        if (++inBatch == batch || n == golden - 1) {
                            customer.executeBatch();
                            source.executeBatch();
                            c.commit();
                            inBatch = 0;
                            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                                lastLog = System.nanoTime();
                                double s = (lastLog - started) / 1e9;
                                log("seed: %d of %d golden records in %.0f s (%.0f/s)", inserted, golden - existing, s,
                                        inserted / s);
                            }
                        }
                    }
                }
                insertNanos = System.nanoTime() - started;
                if (compact) {
                    // bulk inserts leave most of the file as old chunks (~2 GB for a million records)
                    // that the hub would otherwise compact in the background while it is measured
                    log("seed: %d golden records in %.1f s; compacting the database (SHUTDOWN COMPACT)", inserted,
                            insertNanos / 1e9);
                    try (var statement = c.createStatement()) {
                        statement.execute("SHUTDOWN COMPACT");
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double insertSeconds = insertNanos / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("golden", golden);
            out.put("existing", existing);
            out.put("inserted", inserted);
            out.put("rows", inserted * 2);
            out.put("batch", batch);
            out.put("seconds", round(insertSeconds, 2));
            out.put("goldenPerSec", round(inserted / Math.max(0.001, insertSeconds), 1));
            out.put("rowsPerSec", round(inserted * 2 / Math.max(0.001, insertSeconds), 1));
            out.put("compacted", compact);
            out.put("secondsWithCompaction", round(seconds, 2));
            String json = toJson(out);
            if (opts.containsKey("out")) {
                Files.writeString(Path.of(opts.get("out")), json + "\n");
            } else {
                System.out.println(json);
            }
            log("seed: %d golden records (%d rows) in %.1f s: %.0f golden records/s, %.0f rows/s; %.1f s with the compaction",
                    inserted, inserted * 2, insertSeconds, inserted / Math.max(0.001, insertSeconds),
                    inserted * 2 / Math.max(0.001, insertSeconds), seconds);
        }
    }

    // ---------------------------------------------------------------------------------- sending

    /** One ingest request; keys: the target external id of each order in it ("" for other types), or null. */
    record Batch(String region, byte[] body, int count, List<String> keys) {
    }

    /** --key external: order external id -> epoch ms its request was sent (vendor sinks know no event time). */
    static final ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
    static volatile boolean trackKeys;

    static boolean saturate(String hub, List<Batch> batches, int clients, long timeoutMs) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < batches.size()) {
                    send(hub, batches.get(i));
                }
            });
        }
        pool.shutdown();
        boolean done = pool.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
        if (!done) {
            next.set(Integer.MAX_VALUE / 2);
            pool.shutdownNow();
        }
        return done;
    }

    /** Open loop: request k is due at t0 + k × batch / rate, whatever the earlier ones are doing. */
    static boolean paced(String hub, List<Batch> batches, int clients, double rate, int batch, long timeoutMs)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long interval = (long) (batch * 1e9 / rate);
        long start = System.nanoTime();
        long stopAt = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int k = 0; k < batches.size(); k++) {
            long due = start + k * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() > stopAt) {
                break;
            }
            Batch b = batches.get(k);
            pool.execute(() -> {
                long lag = (System.nanoTime() - due) / 1_000_000;
                maxLagMs.accumulateAndGet(lag, Math::max);
                send(hub, b);
            });
        }
        pool.shutdown();
        long left = Math.max(1, stopAt - System.nanoTime());
        boolean done = pool.awaitTermination(left, TimeUnit.NANOSECONDS);
        if (!done) {
            pool.shutdownNow();
        }
        return done;
    }

    static void send(String hub, Batch b) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub + "/ingest/" + b.region() + "/canonical"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + regionKeys.get(b.region()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.body()))
                .build();
        for (int attempt = 1; attempt <= 5; attempt++) {
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                errors.incrementAndGet();
                sample("IOException on attempt " + attempt + ": " + e);
                pause(500);
                retries.incrementAndGet();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            requestMs.add((System.nanoTime() - started) / 1_000_000);
            int status = response.statusCode();
            statusCounts.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status == 503 || status == 429) {
                retries.incrementAndGet();
                sample(status + ": " + response.body());
                pause(1000 * response.headers().firstValueAsLong("Retry-After").orElse(1));
                continue;
            }
            if (status == 202 || status == 207 || status == 422) {
                if (trackKeys && b.keys() != null && status == 202) {
                    long sentMs = System.currentTimeMillis() - (System.nanoTime() - started) / 1_000_000;
                    for (String k : b.keys()) {
                        if (!k.isEmpty()) {
                            sentAt.put(k, sentMs);
                        }
                    }
                }
                Matcher m = EVENT_ID.matcher(response.body());
                int n = 0;
                while (m.find()) {
                    acceptedIds.add(m.group(1));
                    n++;
                }
                accepted.addAndGet(n);
                lastAcceptMs.accumulateAndGet(System.currentTimeMillis(), Math::max);
                Matcher r = REJECTION_ID.matcher(response.body());
                int rej = 0;
                while (r.find()) {
                    rej++;
                }
                if (rej > 0) {
                    rejected.addAndGet(rej);
                    sample(status + " with " + rej + " rejected: " + response.body());
                }
                return;
            }
            errors.incrementAndGet();
            sample("HTTP " + status + ": " + response.body());
            return;
        }
    }

    static void sample(String text) {
        if (errorSamples.size() < 5) {
            errorSamples.add(text.length() > 600 ? text.substring(0, 600) + "..." : text);
        }
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ----------------------------------------------------------------------------------- sampling

    static final class Sampler implements Runnable {
        final String hub;
        final String sink;
        final List<String> targets;
        final Map<String, Long> baseline;
        final long pid;
        volatile long t0;
        volatile boolean stop;
        final List<Map<String, Object>> curve = Collections.synchronizedList(new ArrayList<>());
        double peakHeapUsed = -1;
        double peakHeapCommitted = -1;
        long peakRssKb = -1;
        long hwmKb = -1;
        final long sinkPid;
        final long selfPid = ProcessHandle.current().pid();
        final int cores = Runtime.getRuntime().availableProcessors();
        long lastWall = -1;
        long[] lastSys;
        long lastHub = -1;
        long lastBench = -1;
        double sumHubCores;
        double sumOtherCores;
        double maxLoad1;
        int cpuSamples;
        /** An optional hub counter (actuator metric name with tag) sampled as "resolved", above counterBase. */
        volatile String counter;
        volatile double counterBase;

        Sampler(String hub, String sink, List<String> targets, Map<String, Long> baseline, long pid, long sinkPid) {
            this.hub = hub;
            this.sink = sink;
            this.targets = targets;
            this.baseline = baseline;
            this.pid = pid;
            this.sinkPid = sinkPid;
            cpuTick();
        }

        /** CPU use since the previous tick, in cores: {hub, bench (hub+sink+load), system, other}; null at first. */
        double[] cpuTick() {
            long wall = System.nanoTime();
            long[] sys = systemTicks();
            long hubTicks = processTicks(pid);
            long benchTicks = hubTicks + processTicks(sinkPid) + processTicks(selfPid);
            double[] result = null;
            boolean hubGone = pid > 0 && hubTicks == 0;
            if (lastWall > 0 && sys != null && lastSys != null && !hubGone && hubTicks >= lastHub && benchTicks >= lastBench) {
                double seconds = (wall - lastWall) / 1e9;
                double sysCores = (double) (sys[0] - lastSys[0]) / Math.max(1, sys[1] - lastSys[1]) * cores;
                double hubCores = pid > 0 ? (hubTicks - lastHub) / (100.0 * seconds) : 0;
                double benchCores = (benchTicks - lastBench) / (100.0 * seconds);
                result = new double[] {hubCores, benchCores, sysCores, Math.max(0, sysCores - benchCores)};
            }
            lastWall = wall;
            lastSys = sys;
            lastHub = hubTicks;
            lastBench = benchTicks;
            return result;
        }

        @Override
        public void run() {
            long next = System.currentTimeMillis() + 1000;
            while (!stop) {
                long wait = next - System.currentTimeMillis();
                if (wait > 0) {
                    pause(wait);
                }
                next += 1000;
                if (!stop) {
                    sampleOnce();
                }
            }
        }

        synchronized void sampleOnce() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("t", round((System.currentTimeMillis() - t0) / 1000.0, 1));
            s.put("accepted", accepted.get());
            if (!targets.isEmpty()) {
                try {
                    Map<String, Long> now = sinkDistinct(sink, targets);
                    for (String t : targets) {
                        s.put(t, now.getOrDefault(t, 0L) - baseline.getOrDefault(t, 0L));
                    }
                } catch (Exception e) {
                    s.put("sinkError", e.toString());
                }
            }
            String counterName = counter;
            if (counterName != null) {
                double v = metric(hub, counterName);
                if (v >= 0) {
                    s.put("resolved", Math.round(v - counterBase));
                }
            }
            double used = metric(hub, "jvm.memory.used?tag=area:heap");
            double committed = metric(hub, "jvm.memory.committed?tag=area:heap");
            if (used >= 0) {
                peakHeapUsed = Math.max(peakHeapUsed, used);
                s.put("heapMB", round(used / 1048576.0, 1));
            }
            if (committed >= 0) {
                peakHeapCommitted = Math.max(peakHeapCommitted, committed);
            }
            long[] rss = procStatus(pid);
            if (rss[0] >= 0) {
                peakRssKb = Math.max(peakRssKb, rss[0]);
                s.put("rssMB", round(rss[0] / 1024.0, 1));
            }
            if (rss[1] >= 0) {
                hwmKb = Math.max(hwmKb, rss[1]);
            }
            double[] cpu = cpuTick();
            if (cpu != null) {
                s.put("hubCores", round(cpu[0], 2));
                s.put("otherCores", round(cpu[3], 2));
                sumHubCores += cpu[0];
                sumOtherCores += cpu[3];
                cpuSamples++;
            }
            double load1 = loadAverage();
            if (load1 >= 0) {
                s.put("load1", load1);
                maxLoad1 = Math.max(maxLoad1, load1);
            }
            curve.add(s);
        }

        Map<String, Object> resources() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("peakHeapUsedMB", peakHeapUsed < 0 ? null : round(peakHeapUsed / 1048576.0, 1));
            r.put("peakHeapCommittedMB", peakHeapCommitted < 0 ? null : round(peakHeapCommitted / 1048576.0, 1));
            r.put("peakRssSampledMB", peakRssKb < 0 ? null : round(peakRssKb / 1024.0, 1));
            r.put("vmHwmMB", hwmKb < 0 ? null : round(hwmKb / 1024.0, 1));
            r.put("samples", curve.size());
            r.put("cores", cores);
            r.put("meanHubCores", cpuSamples == 0 ? null : round(sumHubCores / cpuSamples, 2));
            r.put("meanOtherCores", cpuSamples == 0 ? null : round(sumOtherCores / cpuSamples, 2));
            r.put("maxLoad1", maxLoad1);
            return r;
        }
    }

    /** Value of an actuator metric (name with optional ?tag=...), in its base unit, or -1. */
    static double metric(String hub, String name) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create(hub + "/actuator/metrics/" + name)).timeout(Duration.ofSeconds(5)).GET();
            String password = System.getenv("HUB_ADMIN_PASSWORD");
            if (password != null) {
                request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("admin:" + password.strip()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = VALUE.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux), 0 when unknown. */
    static long processTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {busy, total} jiffies of all CPUs from /proc/stat, or null. */
    static long[] systemTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {VmRSS, VmHWM} in kB of a process, -1 when unknown. */
    static long[] procStatus(long pid) {
        long[] result = {-1, -1};
        if (pid <= 0) {
            return result;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    result[0] = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("VmHWM:")) {
                    result[1] = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone or not Linux
        }
        return result;
    }

    // ------------------------------------------------------------------------------- sink access

    static final Pattern DISTINCT = Pattern.compile("\"([A-Za-z0-9_-]+)\":\\{\"requests\":\\d+,\"distinct\":(\\d+)");

    static Map<String, Long> sinkDistinct(String sink, List<String> targets) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink + "/_bench/stats"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Long> result = new LinkedHashMap<>();
        Matcher m = DISTINCT.matcher(r.body());
        while (m.find()) {
            result.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return result;
    }

    /** The sink's counters (calls.<kind>, records.<kind>, failed) per target. */
    static Map<String, Map<String, Long>> sinkCounters(String sink) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink + "/_bench/counters"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String line : r.body().split("\n")) {
            int a = line.indexOf(' ');
            int b = line.lastIndexOf(' ');
            if (a > 0 && b > a) {
                out.computeIfAbsent(line.substring(0, a), t -> new TreeMap<>()).put(line.substring(a + 1, b),
                        Long.parseLong(line.substring(b + 1)));
            }
        }
        return out;
    }

    /**
     * Calls and records the sink counted for each target between two readings, with records per write
     * call (Salesforce: every sObject upsert; Kingdee: Save/BatchSave; queries and the token are calls too).
     */
    static Map<String, Object> callsBetween(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        after.forEach((target, counters) -> {
            Map<String, Long> diff = new TreeMap<>();
            counters.forEach((k, v) -> {
                long d = v - before.getOrDefault(target, Map.of()).getOrDefault(k, 0L);
                if (d != 0) {
                    diff.put(k, d);
                }
            });
            if (diff.isEmpty()) {
                return;
            }
            long calls = 0;
            long writeCalls = 0;
            long records = 0;
            for (var e : diff.entrySet()) {
                if (e.getKey().startsWith("calls.")) {
                    calls += e.getValue();
                    String kind = e.getKey().substring(6);
                    if (!kind.equals("token") && !kind.startsWith("ExecuteBillQuery") && !kind.startsWith("ExcuteOperation")) {
                        writeCalls += e.getValue();
                    }
                } else if (e.getKey().startsWith("records.")) {
                    records += e.getValue();
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", calls);
            m.put("writeCalls", writeCalls);
            m.put("records", records);
            m.put("recordsPerWriteCall", writeCalls == 0 ? null : round(records / (double) writeCalls, 1));
            m.put("counters", diff);
            out.put(target, m);
        });
        return out;
    }

    /** The sink's records {latencyMs, arrivalMs, deliveries, arrivalNo} of this phase's events at one target. */
    static List<long[]> dump(String sink, String target, Set<String> ids) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink + "/_bench/dump?target=" + target))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return records(r.body(), ids);
    }

    /**
     * Dump lines of the keys in ids as {latencyMs, arrivalMs, deliveries, arrivalNo, key index}; a vendor
     * event (latency -1 at the sink) gets arrival minus the time Load sent its order, when known.
     */
    static List<long[]> records(String text, Set<String> ids) {
        List<long[]> recs = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 4 && ids.contains(f[0])) {
                long latency = Long.parseLong(f[1]);
                long arrival = Long.parseLong(f[2]);
                Long sent = latency < 0 ? sentAt.get(f[0]) : null;
                if (sent != null) {
                    latency = arrival - sent;
                }
                recs.add(new long[] {latency, arrival, Long.parseLong(f[3]), f.length > 4 ? Long.parseLong(f[4]) : 0});
            }
        }
        return recs;
    }

    // ------------------------------------------------------------------------------ statistics

    /** p99 latency of the events arriving in each 10-second window of the phase (shows warm-up and pauses). */
    static List<Long> p99ByWindow(List<long[]> recs, long t0) {
        Map<Integer, List<Long>> windows = new TreeMap<>();
        for (long[] r : recs) {
            if (r[0] >= 0) {
                windows.computeIfAbsent((int) Math.max(0, (r[1] - t0) / 10_000), w -> new ArrayList<>()).add(r[0]);
            }
        }
        List<Long> out = new ArrayList<>();
        windows.values().forEach(w -> {
            long[] sorted = w.stream().mapToLong(Long::longValue).sorted().toArray();
            out.add(sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)]);
        });
        return out;
    }

    static Map<String, Object> percentiles(long[] sorted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", sorted.length);
        if (sorted.length == 0) {
            return m;
        }
        m.put("p50", rank(sorted, 50));
        m.put("p95", rank(sorted, 95));
        m.put("p99", rank(sorted, 99));
        m.put("p999", rank(sorted, 99.9));
        m.put("max", sorted[sorted.length - 1]);
        m.put("min", sorted[0]);
        m.put("mean", round(Arrays.stream(sorted).average().orElse(0), 1));
        return m;
    }

    /** Nearest-rank percentile of a sorted array. */
    static long rank(long[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    /** Delivery rate between the 10th and 90th percentile arrival (leaves out ramp-up and tail). */
    static Double steady(long[] sortedArrivals) {
        int n = sortedArrivals.length;
        if (n < 100) {
            return null;
        }
        int a = n / 10;
        int b = n * 9 / 10;
        long span = sortedArrivals[b] - sortedArrivals[a];
        return span <= 0 ? null : round((b - a) * 1000.0 / span, 1);
    }

    static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    // ------------------------------------------------------------------------------ event data

    /** Valid canonical events (orders, opportunities, customers) for K customers over the regions. */
    static final class Generator {
        static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        static final String[][] PRODUCTS = {
                {"PUMP-200", "离心泵 200 L/min", "1850.00"},
                {"VALVE-50", "Ball valve DN50 stainless", "236.50"},
                {"SENSOR-T1", "温度传感器 PT100", "89.90"},
                {"CTRL-PLC8", "PLC controller 8 I/O", "4200.00"},
                {"SVC-INST", "安装服务 (天)", "960.00"}};
        static final String[][] STAGES = {
                {"PROSPECTING", "Lead"}, {"QUALIFICATION", "需求确认"}, {"PROPOSAL", "方案报价"},
                {"NEGOTIATION", "商务谈判"}, {"CLOSED_WON", "赢单"}};

        final String runTag;
        final String phase;
        final int customers;
        final List<String> regions;
        final String[] types;
        final double[] cumulative;
        final Random random;
        final long versionBase = System.currentTimeMillis() * 1000;
        final String now = Instant.now().toString();
        final LocalDate today = LocalDate.now();

        Generator(String runTag, String phase, int customers, List<String> regions, Map<String, Double> mix, long seed) {
            this.runTag = runTag;
            this.phase = phase;
            this.customers = customers;
            this.regions = regions;
            this.types = mix.keySet().toArray(new String[0]);
            this.cumulative = new double[types.length];
            double total = 0;
            for (int i = 0; i < types.length; i++) {
                total += mix.get(types[i]);
                cumulative[i] = total;
            }
            for (int i = 0; i < types.length; i++) {
                cumulative[i] /= total;
            }
            this.random = new Random(seed ^ phase.hashCode());
        }

        /** A customer that gets no events of this generator (the failing phase's own customer), or -1. */
        int skipCustomer = -1;

        List<Batch> batches(int events, int batch) {
            Map<String, List<String>> byRegion = new LinkedHashMap<>();
            Map<String, List<String>> keysByRegion = new LinkedHashMap<>();
            for (String r : regions) {
                byRegion.put(r, new ArrayList<>());
                keysByRegion.put(r, new ArrayList<>());
            }
            for (int i = 0; i < events; i++) {
                int customer = i % customers;
                if (customer == skipCustomer) {
                    customer = (customer + regions.size()) % customers;     // same region, another customer
                }
                String region = regions.get(customer % regions.size());
                String type = pickType();
                byRegion.get(region).add(item(i, customer, region, type));
                keysByRegion.get(region).add(type.equals("order") ? externalId(i, region, type) : "");
            }
            return interleave(byRegion, keysByRegion, batch);
        }

        /** The source id of item i. */
        String sourceId(int i, String type) {
            return switch (type) {
                case "order" -> "BO-";
                case "opportunity" -> "BP-";
                default -> "BE-";
            } + runTag + "-" + phase + "-" + i;
        }

        /** The hub's external id of an order or opportunity: region.system.sourceId (Salesforce Tributary_Id__c, Kingdee FBillNo). */
        String externalId(int i, String region, String type) {
            return region + "." + system(region) + "." + sourceId(i, type);
        }

        /** Requests of up to {@code batch} items per region, the regions interleaved so every region is loaded all the time. */
        static List<Batch> interleave(Map<String, List<String>> byRegion, int batch) {
            return interleave(byRegion, null, batch);
        }

        static List<Batch> interleave(Map<String, List<String>> byRegion, Map<String, List<String>> keysByRegion, int batch) {
            List<List<Batch>> perRegion = new ArrayList<>();
            for (var e : byRegion.entrySet()) {
                List<Batch> list = new ArrayList<>();
                List<String> items = e.getValue();
                List<String> keys = keysByRegion == null ? null : keysByRegion.get(e.getKey());
                for (int from = 0; from < items.size(); from += batch) {
                    int to = Math.min(items.size(), from + batch);
                    List<String> chunk = items.subList(from, to);
                    String body = batch == 1 ? chunk.get(0) : "[" + String.join(",", chunk) + "]";
                    list.add(new Batch(e.getKey(), body.getBytes(StandardCharsets.UTF_8), chunk.size(),
                            keys == null ? null : List.copyOf(keys.subList(from, to))));
                }
                perRegion.add(list);
            }
            List<Batch> result = new ArrayList<>();
            for (int k = 0; ; k++) {
                boolean any = false;
                for (List<Batch> list : perRegion) {
                    if (k < list.size()) {
                        result.add(list.get(k));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            return result;
        }

        String pickType() {
            double x = random.nextDouble();
            for (int i = 0; i < types.length; i++) {
                if (x < cumulative[i]) {
                    return types[i];
                }
            }
            return types[types.length - 1];
        }

        static boolean china(String region) {
            return region.startsWith("cn");
        }

        static String system(String region) {
            return switch (region) {
                case "cn-east" -> "fxiaoke";
                case "cn-south" -> "hubspot";
                default -> "salesforce";
            };
        }

        static String uscc(int customer, String region) {
            String division = region.equals("cn-south") ? "440300" : region.equals("cn-east") ? "310000" : "110000";
            String first17 = "91" + division + "MA" + String.format(Locale.ROOT, "%07d", customer);
            int sum = 0;
            int weight = 1;
            for (int i = 0; i < 17; i++) {
                sum += ALPHABET.indexOf(first17.charAt(i)) * weight;
                weight = weight * 3 % 31;
            }
            return first17 + ALPHABET.charAt((31 - sum % 31) % 31);
        }

        String customerRef(int customer, String region) {
            StringBuilder s = new StringBuilder("{\"sourceId\":\"BC").append(customer).append('"');
            if (china(region)) {
                s.append(",\"unifiedSocialCreditCode\":\"").append(uscc(customer, region)).append('"');
            } else {
                s.append(",\"taxId\":\"NL").append(String.format(Locale.ROOT, "%09d", customer)).append("B01\"");
            }
            return s.append(",\"legalName\":\"").append(legalName(customer, region)).append("\"}").toString();
        }

        static String legalName(int customer, String region) {
            return china(region) ? "基准测试客户" + customer + "有限公司" : "Bench Customer " + customer + " B.V.";
        }

        String item(int i, int customer, String region, String type) {
            String sid = sourceId(i, type);
            String currency = china(region) ? "CNY" : "EUR";
            String system = system(region);
            StringBuilder s = new StringBuilder(900);
            s.append("{\"type\":\"").append(type).append("\",\"sourceEventId\":\"").append(sid).append("-v1\",\"data\":");
            switch (type) {
                case "order" -> {
                    BigDecimal taxRate = new BigDecimal(china(region) ? "0.13" : "0.21");
                    int lines = 1 + random.nextInt(3);
                    BigDecimal net = BigDecimal.ZERO;
                    BigDecimal tax = BigDecimal.ZERO;
                    StringBuilder ls = new StringBuilder("[");
                    for (int l = 1; l <= lines; l++) {
                        String[] p = PRODUCTS[random.nextInt(PRODUCTS.length)];
                        BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(20));
                        BigDecimal price = new BigDecimal(p[2]);
                        BigDecimal discount = random.nextInt(4) == 0 ? new BigDecimal("5.00") : new BigDecimal("0.00");
                        BigDecimal lineTotal = qty.multiply(price).subtract(discount).setScale(2, RoundingMode.HALF_UP);
                        net = net.add(lineTotal);
                        tax = tax.add(lineTotal.multiply(taxRate));
                        if (l > 1) {
                            ls.append(',');
                        }
                        ls.append("{\"lineNo\":").append(l).append(",\"sku\":\"").append(p[0])
                                .append("\",\"description\":\"").append(p[1]).append("\",\"quantity\":").append(qty)
                                .append(",\"unitPrice\":").append(price.toPlainString())
                                .append(",\"discount\":").append(discount.toPlainString())
                                .append(",\"lineTotal\":").append(lineTotal.toPlainString())
                                .append(",\"taxRate\":").append(taxRate.toPlainString()).append('}');
                    }
                    ls.append(']');
                    BigDecimal taxTotal = tax.setScale(2, RoundingMode.HALF_UP);
                    s.append("{\"sourceRef\":{\"system\":\"").append(system).append("\",\"sourceId\":\"").append(sid)
                            .append("\"},\"orderNumber\":\"SO-").append(sid).append("\",\"customerRef\":")
                            .append(customerRef(customer, region)).append(",\"orderDate\":\"").append(today)
                            .append("\",\"currency\":\"").append(currency).append("\",\"lines\":").append(ls)
                            .append(",\"netTotal\":").append(net.toPlainString())
                            .append(",\"taxTotal\":").append(taxTotal.toPlainString())
                            .append(",\"grossTotal\":").append(net.add(taxTotal).toPlainString())
                            .append(",\"status\":\"").append(i % 3 == 0 ? "CONFIRMED" : "SUBMITTED")
                            .append("\",\"channel\":\"DIRECT\",\"sourceUpdatedAt\":\"").append(now)
                            .append("\",\"sourceVersion\":1}");
                }
                case "opportunity" -> {
                    String[] stage = STAGES[random.nextInt(STAGES.length)];
                    s.append("{\"sourceRef\":{\"system\":\"").append(system).append("\",\"sourceId\":\"").append(sid)
                            .append("\"},\"customerRef\":").append(customerRef(customer, region))
                            .append(",\"name\":\"Expansion / 扩产项目 ").append(i).append("\",\"stage\":\"")
                            .append(stage[0]).append("\",\"sourceStage\":\"").append(stage[1])
                            .append("\",\"amount\":").append(10_000 + random.nextInt(900_000))
                            .append(",\"currency\":\"").append(currency).append("\",\"probability\":")
                            .append(10 + random.nextInt(80)).append(",\"expectedCloseDate\":\"")
                            .append(today.plusDays(30 + random.nextInt(120))).append("\",\"owner\":\"")
                            .append(china(region) ? "王伟" : "Sanne de Vries").append("\",\"sourceUpdatedAt\":\"")
                            .append(now).append("\"}");
                }
                default -> {
                    boolean cn = china(region);
                    s.append("{\"legalName\":\"").append(legalName(customer, region)).append('"');
                    if (cn) {
                        s.append(",\"unifiedSocialCreditCode\":\"").append(uscc(customer, region)).append('"');
                    } else {
                        s.append(",\"taxId\":\"NL").append(String.format(Locale.ROOT, "%09d", customer)).append("B01\"");
                    }
                    s.append(",\"country\":\"").append(cn ? "CN" : "NL").append("\",\"province\":\"")
                            .append(cn ? (region.equals("cn-south") ? "广东" : "上海") : "Noord-Holland")
                            .append("\",\"city\":\"").append(cn ? (region.equals("cn-south") ? "深圳" : "上海") : "Amsterdam")
                            .append("\",\"address\":\"").append(cn ? "科技园路 " + (customer % 500) + " 号" : "Keizersgracht " + (customer % 500))
                            .append("\",\"industry\":\"Manufacturing\",\"tier\":\"").append(customer % 50 == 0 ? "STRATEGIC" : "STANDARD")
                            .append("\",\"contacts\":[{\"name\":\"").append(cn ? "王伟" : "Sanne de Vries")
                            .append("\",\"phone\":\"").append(cn ? "+86138" : "+3120")
                            .append(String.format(Locale.ROOT, cn ? "%08d" : "%07d", customer))
                            .append("\",\"email\":\"sales@bc").append(customer).append(cn ? ".example.cn" : ".example.eu")
                            .append("\"}],\"sourceRefs\":[{\"system\":\"").append(system).append("\",\"sourceId\":\"BC")
                            .append(customer).append("\"}],\"version\":").append(versionBase + i)
                            .append(",\"updatedAt\":\"").append(now).append("\"}");
                }
            }
            return s.append('}').toString();
        }
    }

    // ---------------------------------------------------------------------------------- plumbing

    static Map<String, Double> parseMix(String text) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("[=:]");
            if (kv.length != 2) {
                throw new IllegalArgumentException("bad mix entry '" + part + "', want type=weight");
            }
            String type = kv[0].trim();
            if (!List.of("order", "opportunity", "customer").contains(type)) {
                throw new IllegalArgumentException("unknown event type '" + type + "' in mix");
            }
            double w = Double.parseDouble(kv[1].trim());
            if (w > 0) {
                mix.put(type, w);
            }
        }
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("the mix has no positive weight");
        }
        return mix;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + usage());
            }
            String key = args[i].substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                m.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length) {
                m.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
        }
        return m;
    }

    static String opt(String name, String fallback) {
        String v = opts.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    static String req(String name) {
        String v = opts.get(name);
        if (v == null) {
            System.err.print("missing --" + name + "\n" + usage());
            System.exit(2);
        }
        return v;
    }

    static void log(String format, Object... args) {
        System.err.println("[load " + java.time.LocalTime.now().withNano(0) + "] " + String.format(Locale.ROOT, format, args));
    }

    static String toJson(Object o) {
        StringBuilder s = new StringBuilder();
        write(s, o);
        return s.toString();
    }

    static void write(StringBuilder s, Object o) {
        if (o == null) {
            s.append("null");
        } else if (o instanceof String str) {
            s.append('"');
            for (char c : str.toCharArray()) {
                switch (c) {
                    case '"' -> s.append("\\\"");
                    case '\\' -> s.append("\\\\");
                    case '\n' -> s.append("\\n");
                    case '\r' -> s.append("\\r");
                    case '\t' -> s.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            s.append(String.format("\\u%04x", (int) c));
                        } else {
                            s.append(c);
                        }
                    }
                }
            }
            s.append('"');
        } else if (o instanceof RawJson raw) {
            s.append(raw.json());
        } else if (o instanceof Double d) {
            s.append(d.isNaN() || d.isInfinite() ? "null" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
        } else if (o instanceof Number || o instanceof Boolean) {
            s.append(o);
        } else if (o instanceof Map<?, ?> map) {
            s.append('{');
            boolean first = true;
            for (var e : map.entrySet()) {
                if (!first) {
                    s.append(',');
                }
                first = false;
                write(s, String.valueOf(e.getKey()));
                s.append(':');
                write(s, e.getValue());
            }
            s.append('}');
        } else if (o instanceof Iterable<?> list) {
            s.append('[');
            boolean first = true;
            synchronized (list) {
                for (Object x : list) {
                    if (!first) {
                        s.append(',');
                    }
                    first = false;
                    write(s, x);
                }
            }
            s.append(']');
        } else {
            write(s, o.toString());
        }
    }
}
