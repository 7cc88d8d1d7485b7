// Load generator for the Tributary benchmark: posts canonical events to the real ingest endpoint
// (POST /ingest/{region}/canonical), samples progress, heap and RSS every second, waits until the
// sink has seen every accepted event at every target, then writes one phase's results as JSON.
//
// Run (JDK 17+, no build):
//   java bench/Load.java saturate --hub http://127.0.0.1:8080 --sink http://127.0.0.1:9090 --events 50000 ...
//   java bench/Load.java rate     --hub ... --sink ... --rate 500 --duration 60 ...
//   java bench/Load.java file     --hub ... --sink ... --rows 100000 --folder DIR --work DIR ...
// Options (all --name value): see usage() below.
// Credentials come from the environment, named as the hub reads them: HUB_REGION_<ID>_API_KEY for
// each region (sent as a bearer key) and HUB_ADMIN_PASSWORD (HTTP Basic for /actuator/metrics).
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Load {

    static String usage() {
        return """
                usage: java bench/Load.java (saturate|rate|file) [--name value ...]
                  --hub URL            hub base URL (required), e.g. http://127.0.0.1:8080
                  --sink URL           sink base URL (required), e.g. http://127.0.0.1:9090
                  --hub-pid PID        hub JVM pid, for RSS and CPU from /proc/<pid> (optional)
                  --sink-pid PID       sink JVM pid, to tell the bench's own CPU use from other load (optional)
                  --phase NAME         tag of this phase in ids and results (default: the mode)
                  --run-tag TAG        unique per run; part of every source id (default: epoch seconds)
                  --events N           saturate: number of events (default 50000)
                  --rate R             rate: events per second (default 500)
                  --duration S         rate: seconds (default 60)
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
        if (args.length == 0 || !(args[0].equals("saturate") || args[0].equals("rate") || args[0].equals("file"))) {
            System.err.print(usage());
            System.exit(2);
        }
        String mode = args[0];
        opts = parse(Arrays.copyOfRange(args, 1, args.length));
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
        boolean saturate = mode.equals("saturate");
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

        log("%s: generating %d events (%s) for %d customers over %s, batch %d", phase, events, mix, customers,
                regions, batch);
        Generator gen = new Generator(runTag, phase, customers, regions, mix, seed);
        List<Batch> batches = gen.batches(events, batch);

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
        long want = accepted.get();
        Delivery delivery = awaitDelivered(phase, sink, targets, baseline, want,
                System.currentTimeMillis() + drainTimeoutMs, hubPid);
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
        Set<String> ids = new HashSet<>(acceptedIds);
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
        out.put("rejected", rejected.get());
        out.put("errors", errors.get());
        out.put("retries", retries.get());
        Map<String, Object> statuses = new TreeMap<>();
        statusCounts.forEach((k, v) -> statuses.put(Integer.toString(k), v.sum()));
        out.put("httpStatus", statuses);
        out.put("errorSamples", new ArrayList<>(errorSamples));
        out.put("acceptSeconds", round((acceptEnd - t0) / 1000.0, 3));
        out.put("acceptedPerSec", round(accepted.get() * 1000.0 / Math.max(1, acceptEnd - t0), 1));
        out.put("ingestRequestMs", percentiles(requestMs.stream().mapToLong(Long::longValue).sorted().toArray()));
        out.put("drained", drained && allDelivered);
        out.put("hubExited", hubGone);
        out.put("drainWaitS", round((drainEnd - sendEnd) / 1000.0, 3));
        out.put("targets", perTarget);
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
        long lastLog = 0;
        while (System.currentTimeMillis() < deadline) {
            if (hubPid > 0 && !ProcessHandle.of(hubPid).map(ProcessHandle::isAlive).orElse(false)) {
                log("%s: the hub (pid %d) has exited; not waiting for delivery", phase, hubPid);
                return Delivery.HUB_GONE;
            }
            Map<String, Long> now = sinkDistinct(sink, targets);
            if (targets.stream().allMatch(t -> now.getOrDefault(t, 0L) - baseline.getOrDefault(t, 0L) >= want)) {
                return Delivery.DRAINED;
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

    // ---------------------------------------------------------------------------------- sending

    record Batch(String region, byte[] body, int count) {
    }

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
            try {
                Map<String, Long> now = sinkDistinct(sink, targets);
                for (String t : targets) {
                    s.put(t, now.getOrDefault(t, 0L) - baseline.getOrDefault(t, 0L));
                }
            } catch (Exception e) {
                s.put("sinkError", e.toString());
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

    /** The sink's records {latencyMs, arrivalMs, deliveries} of this phase's events at one target. */
    static List<long[]> dump(String sink, String target, Set<String> ids) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink + "/_bench/dump?target=" + target))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<long[]> recs = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 4 && ids.contains(f[0])) {
                recs.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
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

        List<Batch> batches(int events, int batch) {
            Map<String, List<String>> byRegion = new LinkedHashMap<>();
            for (String r : regions) {
                byRegion.put(r, new ArrayList<>());
            }
            for (int i = 0; i < events; i++) {
                int customer = i % customers;
                String region = regions.get(customer % regions.size());
                byRegion.get(region).add(item(i, customer, region, pickType()));
            }
            // chunk per region, then interleave the regions so every region is loaded all the time
            List<List<Batch>> perRegion = new ArrayList<>();
            for (var e : byRegion.entrySet()) {
                List<Batch> list = new ArrayList<>();
                List<String> items = e.getValue();
                for (int from = 0; from < items.size(); from += batch) {
                    List<String> chunk = items.subList(from, Math.min(items.size(), from + batch));
                    String body = batch == 1 ? chunk.get(0) : "[" + String.join(",", chunk) + "]";
                    list.add(new Batch(e.getKey(), body.getBytes(StandardCharsets.UTF_8), chunk.size()));
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
            String sid = switch (type) {
                case "order" -> "BO-";
                case "opportunity" -> "BP-";
                default -> "BE-";
            } + runTag + "-" + phase + "-" + i;
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
