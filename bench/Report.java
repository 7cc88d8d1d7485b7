// Combines the phase results of one benchmark run (Load.java outputs, the Artemis perf client's
// JSON report, the hub's /api/stats) into bench/results/<timestamp>.json and prints the table.
//
// Run (JDK 17+, no build):
//   java bench/Report.java --out bench/results/X.json --meta meta.tsv --phase saturation=sat.json \
//        --phase latency=lat.json --perf perf.json --hub-stats stats.json
// meta.tsv: one "key<TAB>value" per line; keys goal.* hold the goal thresholds.
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class Report {

    public static void main(String[] args) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Object> phases = new LinkedHashMap<>();
        Object perfRaw = null;
        Object hubStats = null;
        String out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--out" -> out = value;
                case "--meta" -> {
                    for (String line : Files.readAllLines(Path.of(value), StandardCharsets.UTF_8)) {
                        int tab = line.indexOf('\t');
                        if (tab > 0) {
                            meta.put(line.substring(0, tab), line.substring(tab + 1));
                        }
                    }
                }
                case "--phase" -> {
                    int eq = value.indexOf('=');
                    Path file = Path.of(value.substring(eq + 1));
                    if (Files.isRegularFile(file) && Files.size(file) > 0) {
                        phases.put(value.substring(0, eq), Json.parse(Files.readString(file)));
                    }
                }
                case "--perf" -> {
                    Path file = Path.of(value);
                    if (Files.isRegularFile(file) && Files.size(file) > 0) {
                        perfRaw = Json.parse(Files.readString(file));
                    }
                }
                case "--hub-stats" -> {
                    Path file = Path.of(value);
                    if (Files.isRegularFile(file) && Files.size(file) > 0) {
                        try {
                            hubStats = Json.parse(Files.readString(file));
                        } catch (RuntimeException e) {
                            hubStats = Files.readString(file);
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        Map<String, Object> broker = perfRaw == null ? null : perf(perfRaw, meta);
        Map<String, Object> sat = map(phases.get("saturation"));
        Map<String, Object> lat = map(phases.get("latency"));
        Map<String, Object> file = map(phases.get("file"));
        Map<String, Object> matching = map(phases.get("matching"));
        Map<String, Object> lookup = map(phases.get("lookup"));
        Map<String, Object> adapters = map(phases.get("adapters"));
        Map<String, Object> failing = map(phases.get("failing"));

        // ---- summary numbers
        Map<String, Object> summary = new LinkedHashMap<>();
        Double satBoth = null;
        if (sat != null) {
            summary.put("saturationEvents", sat.get("accepted"));
            summary.put("acceptedPerSec", sat.get("acceptedPerSec"));
            satBoth = num(sat.get("deliveredPerSecAllTargets"));
            summary.put("deliveredPerSecBothTargets", satBoth);
            for (String t : targets(sat)) {
                summary.put("deliveredPerSec." + t, num(path(sat, "targets", t, "deliveredPerSec")));
                summary.put("steadyPerSec." + t, num(path(sat, "targets", t, "steadyPerSec")));
            }
            summary.put("saturationDrained", sat.get("drained"));
        }
        Double worstP99 = null;
        if (lat != null) {
            summary.put("latencyRateTarget", path(lat, "rate", "targetPerSec"));
            summary.put("latencyRateAchieved", path(lat, "rate", "achievedPerSec"));
            for (String t : targets(lat)) {
                Map<String, Object> l = map(path(lat, "targets", t, "latencyMs"));
                summary.put("latencyMs." + t, l);
                Double p99 = l == null ? null : num(l.get("p99"));
                if (p99 != null) {
                    worstP99 = worstP99 == null ? p99 : Math.max(worstP99, p99);
                }
            }
            summary.put("latencyDrained", lat.get("drained"));
        }
        Double fileRows = null;
        Double fileHeapGrowth = null;
        if (file != null) {
            fileRows = num(file.get("rowsPerSec"));
            summary.put("fileRows", file.get("rows"));
            summary.put("fileOrders", file.get("orders"));
            summary.put("fileRowsPerSec", fileRows);
            summary.put("fileOrdersDeliveredPerSec", file.get("ordersDeliveredPerSec"));
            summary.put("fileStatus", file.get("status"));
            summary.put("fileDrained", file.get("drained"));
            summary.put("filePeakHeapUsedMB", path(file, "resources", "peakHeapUsedMB"));
            // "flat": the heap after each collection while the file is read, first quarter vs last quarter
            fileHeapGrowth = heapGrowth(file);
            summary.put("fileHeapGrowthMB", fileHeapGrowth);
        }
        Double resolvedPerSec = null;
        if (matching != null) {
            resolvedPerSec = num(matching.get("customersResolvedPerSec"));
            summary.put("matchingCustomers", matching.get("accepted"));
            summary.put("matchingAcceptedPerSec", matching.get("acceptedPerSec"));
            summary.put("customersResolvedPerSec", resolvedPerSec);
            summary.put("matchingDrained", matching.get("drained"));
            summary.put("matchingMergeCheck", matching.get("mergeCheck"));
        }
        Double lookupP99 = null;
        if (lookup != null) {
            lookupP99 = num(lookup.get("lookupP99Ms"));
            summary.put("lookupGolden", lookup.get("golden"));
            summary.put("lookupRequestsPerSec", lookup.get("requestsPerSec"));
            summary.put("lookupFailed", lookup.get("failed"));
            summary.put("lookupLatencyMs.byId", path(lookup, "endpoints", "byId", "latencyMs"));
            summary.put("lookupLatencyMs.bySource", path(lookup, "endpoints", "bySource", "latencyMs"));
            summary.put("lookupP99Ms", lookupP99);
            summary.put("seedGoldenPerSec", path(lookup, "seed", "goldenPerSec"));
        }
        Double adaptBoth = null;
        if (adapters != null) {
            adaptBoth = num(adapters.get("deliveredPerSecAllTargets"));
            summary.put("adaptersCrm", meta.get("adapters.crm"));
            summary.put("adaptersErp", meta.get("adapters.erp"));
            summary.put("adaptersDeliveredPerSecBothTargets", adaptBoth);
            for (String t : targets(adapters)) {
                summary.put("adaptersDeliveredPerSec." + t, num(path(adapters, "targets", t, "deliveredPerSec")));
                summary.put("adaptersRecordsPerWriteCall." + t, num(path(adapters, "sinkCalls", t, "recordsPerWriteCall")));
            }
            summary.put("adaptersToSaturation", adaptBoth != null && satBoth != null && satBoth > 0
                    ? round(adaptBoth / satBoth, 3) : null);
            summary.put("adaptersDrained", adapters.get("drained"));
        }
        Double failWorstP99 = null;
        if (failing != null) {
            for (String t : targets(failing)) {
                Map<String, Object> l = map(path(failing, "targets", t, "latencyMs"));
                summary.put("failingOthersLatencyMs." + t, l);
                Double p99 = l == null ? null : num(l.get("p99"));
                if (p99 != null) {
                    failWorstP99 = failWorstP99 == null ? p99 : Math.max(failWorstP99, p99);
                }
                summary.put("failingCustomerLastAfterWindowS." + t,
                        num(path(failing, "failingCustomer", "targets", t, "lastArrivalAfterWindowS")));
            }
            summary.put("failingCustomerEvents", path(failing, "failingCustomer", "accepted"));
            summary.put("failingCustomerAllArrived", path(failing, "failingCustomer", "allArrived"));
            summary.put("failingCustomerInOrder", path(failing, "failingCustomer", "inOrder"));
            summary.put("failingDrained", failing.get("drained"));
        }
        Double peakHeap = null;
        Double hwm = null;
        Double peakCommitted = null;
        double otherCoresSum = 0;
        int otherCoresN = 0;
        for (Object p : phases.values()) {
            Map<String, Object> r = map(map(p).get("resources"));
            if (r == null) {
                continue;
            }
            peakHeap = max(peakHeap, num(r.get("peakHeapUsedMB")));
            peakCommitted = max(peakCommitted, num(r.get("peakHeapCommittedMB")));
            hwm = max(hwm, num(r.get("vmHwmMB")));
            hwm = max(hwm, num(r.get("peakRssSampledMB")));
            Double other = num(r.get("meanOtherCores"));
            if (other != null) {
                otherCoresSum += other;
                otherCoresN++;
            }
        }
        summary.put("peakHeapUsedMB", peakHeap);
        summary.put("peakHeapCommittedMB", peakCommitted);
        summary.put("peakRssMB", hwm);
        summary.put("meanOtherCores", otherCoresN == 0 ? null : round(otherCoresSum / otherCoresN, 2));
        Double brokerRate = broker == null ? null : num(broker.get("msgsPerSec"));
        Double ratio = satBoth != null && brokerRate != null && brokerRate > 0 ? round(satBoth / brokerRate, 3) : null;
        summary.put("brokerMsgsPerSec", brokerRate);
        summary.put("hubToBrokerRatio", ratio);

        // ---- goals
        List<Map<String, Object>> goals = new ArrayList<>();
        double gDelivered = Double.parseDouble(meta.getOrDefault("goal.deliveredPerSec", "2000"));
        double gP99 = Double.parseDouble(meta.getOrDefault("goal.p99Ms", "250"));
        double gHeap = Double.parseDouble(meta.getOrDefault("goal.heapMB", "512"));
        double gRatio = Double.parseDouble(meta.getOrDefault("goal.ratio", "0.2"));
        String satNote = sat == null ? "saturation phase not run"
                : Boolean.TRUE.equals(sat.get("drained")) ? null : "not every event was delivered before the timeout";
        goals.add(goal("saturation: events/s delivered to both targets", ">= " + fmt(gDelivered), satBoth,
                satBoth == null ? null : satBoth >= gDelivered && satNote == null, satNote));
        String latNote = null;
        if (lat == null) {
            latNote = "latency phase not run";
        } else {
            Double want = num(path(lat, "rate", "targetPerSec"));
            Double got = num(path(lat, "rate", "achievedPerSec"));
            if (!Boolean.TRUE.equals(lat.get("drained"))) {
                latNote = "not every event was delivered before the timeout";
            } else if (want != null && got != null && got < 0.95 * want) {
                latNote = "offered rate only " + fmt(got) + "/s of " + fmt(want) + "/s";
            }
        }
        goals.add(goal("latency: p99 ingest->delivered at " + (lat == null ? "?" : fmt(num(path(lat, "rate", "targetPerSec"))))
                + " events/s (worst target)", "< " + fmt(gP99) + " ms", worstP99,
                worstP99 == null ? null : worstP99 < gP99 && latNote == null, latNote));
        double gFileRows = Double.parseDouble(meta.getOrDefault("goal.fileRowsPerSec", "10000"));
        String fileNote = file == null ? "file phase not run"
                : !"DONE".equals(file.get("status")) ? "the file did not finish (" + file.get("status") + ")"
                : Boolean.TRUE.equals(file.get("drained")) ? null : "not every order was delivered before the timeout";
        goals.add(goal("file: rows/s read and made durable (" + (file == null ? "?" : fmt(num(file.get("rows"))))
                + "-row GBK file)", ">= " + fmt(gFileRows), fileRows,
                fileRows == null ? null : fileRows >= gFileRows && fileNote == null, fileNote));
        double gResolved = Double.parseDouble(meta.getOrDefault("goal.customersResolvedPerSec", "5000"));
        String matchNote = matching == null ? "matching phase not run"
                : Boolean.TRUE.equals(matching.get("drained")) ? null
                : "only " + matching.get("resolved") + " of " + matching.get("accepted") + " resolved before the timeout";
        goals.add(goal("matching: source customers resolved/s", ">= " + fmt(gResolved), resolvedPerSec,
                resolvedPerSec == null ? null : resolvedPerSec >= gResolved && matchNote == null, matchNote));
        double gLookup = Double.parseDouble(meta.getOrDefault("goal.lookupP99Ms", "5"));
        Double golden = lookup == null ? num(meta.get("config.LOOKUP_GOLDEN")) : num(lookup.get("golden"));
        String lookupNote = null;
        if (lookup == null) {
            lookupNote = "lookup phase not run";
        } else if (num(lookup.get("failed")) != null && num(lookup.get("failed")) > 0) {
            lookupNote = fmt(num(lookup.get("failed"))) + " lookups failed or answered another customer";
        } else if (num(lookup.get("requests")) == null || num(lookup.get("requests")) == 0) {
            lookupNote = "no lookups measured";
        }
        goals.add(goal("lookup at " + (golden == null ? "?" : String.format(Locale.ROOT, "%,.0f", golden))
                + " golden records: p99 ms (worse endpoint)", "< " + fmt(gLookup), lookupP99,
                lookupP99 == null ? null : lookupP99 < gLookup && lookupNote == null, lookupNote));
        if (adapters != null || (meta.getOrDefault("phases", "").contains("adapters"))) {
            String note = adapters == null ? "adapters phase did not complete"
                    : !Boolean.TRUE.equals(adapters.get("drained")) ? "not every event was delivered before the timeout"
                    : satBoth == null ? "no generic saturation figure in this run" : null;
            goals.add(goal("adapters (" + meta.getOrDefault("adapters.crm", "?") + " + " + meta.getOrDefault("adapters.erp", "?")
                    + "): delivered/s both targets vs generic saturation", ">= " + fmt(satBoth), adaptBoth,
                    adaptBoth == null || satBoth == null ? null : adaptBoth >= satBoth && note == null, note));
        }
        if (failing != null || (meta.getOrDefault("phases", "").contains("failing"))) {
            double margin = Double.parseDouble(meta.getOrDefault("goal.failMarginMs", "50"));
            String note = failing == null ? "failing phase did not complete"
                    : worstP99 == null ? "no latency phase in this run to compare with"
                    : !Boolean.TRUE.equals(failing.get("drained")) ? "not every event was delivered before the timeout" : null;
            if (note == null) {
                Double want = num(path(failing, "rate", "targetPerSec"));
                Double got = num(path(failing, "rate", "achievedPerSec"));
                if (want != null && got != null && got < 0.95 * want) {
                    note = "offered rate only " + fmt(got) + "/s of " + fmt(want) + "/s";
                } else if (latNote != null) {
                    note = "the latency phase it is compared with: " + latNote;
                }
            }
            goals.add(goal("failing customer: others' p99 (worst target) vs latency p99 + " + fmt(margin) + " ms",
                    "<= " + (worstP99 == null ? "?" : fmt(worstP99 + margin)), failWorstP99,
                    failWorstP99 == null || worstP99 == null ? null : failWorstP99 <= worstP99 + margin && note == null, note));
            Double arrived = failing == null ? null : num(path(failing, "failingCustomer", "accepted"));
            boolean inOrder = failing != null && Boolean.TRUE.equals(path(failing, "failingCustomer", "inOrder"));
            boolean all = failing != null && Boolean.TRUE.equals(path(failing, "failingCustomer", "allArrived"));
            goals.add(goal("failing customer: all its events arrived, in sequence order", "in order", arrived,
                    failing == null ? null : inOrder && all, failing == null ? null
                            : !all ? "not all arrived" : !inOrder ? "OUT OF ORDER" : null));
        }
        goals.add(goal("peak heap used (sampled each second)", "< " + fmt(gHeap) + " MB", peakHeap,
                peakHeap == null ? null : peakHeap < gHeap, null));
        goals.add(goal("hub delivered/s ÷ broker persistent msgs/s", ">= " + fmt(gRatio), ratio,
                ratio == null ? null : ratio >= gRatio, broker == null ? "broker reference not run" : null));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("schema", "tributary-bench/1");
        result.put("timestamp", meta.get("timestamp"));
        Map<String, Object> metaOut = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (!k.startsWith("goal.")) {
                metaOut.put(k, v);
            }
        });
        result.put("meta", metaOut);
        result.put("summary", summary);
        result.put("goals", goals);
        result.put("phases", phases);
        result.put("broker", broker);
        result.put("hubStats", hubStats);
        String json = Json.write(result);
        if (out != null) {
            Files.writeString(Path.of(out), json + "\n");
        }
        System.out.print(table(meta, phases, broker, summary, goals, ratio));
        if (out != null) {
            System.out.println("results: " + out);
        }
    }

    // ------------------------------------------------------------------------------------ perf

    /** Steady-state rates from the Artemis perf client's JSON report (intervals after warm-up). */
    static Map<String, Object> perf(Object raw, Map<String, String> meta) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("command", meta.get("broker.command"));
        double sent = 0;
        double received = 0;
        double lastWarm = -1;
        double first = -1;
        double last = -1;
        int intervals = 0;
        Map<String, Object> summary = null;
        for (Object o : (List<?>) raw) {
            Map<String, Object> s = map(o);
            if ("summary".equals(s.get("sampleType"))) {
                summary = s;
                continue;
            }
            double time = num(s.get("time"));
            if (Boolean.TRUE.equals(s.get("warmup"))) {
                lastWarm = time;
                continue;
            }
            if (first < 0) {
                first = time;
            }
            last = time;
            sent += num(s.get("sent"));
            received += num(s.get("received"));
            intervals++;
        }
        double start = lastWarm >= 0 ? lastWarm : first - 1000;
        double span = (last - start) / 1000.0;
        if (intervals > 0 && span > 0) {
            b.put("measuredSeconds", round(span, 2));
            b.put("sentPerSec", round(sent / span, 1));
            b.put("receivedPerSec", round(received / span, 1));
            // a message counts once it has been produced (durably) and consumed
            b.put("msgsPerSec", round(Math.min(sent, received) / span, 1));
        }
        if (summary != null) {
            b.put("result", summary.get("result"));
            b.put("totalSent", summary.get("totalSent"));
            b.put("totalReceived", summary.get("totalReceived"));
            Map<String, Object> send = map(summary.get("totalSendTime"));
            Map<String, Object> transfer = map(summary.get("totalTransferTime"));
            if (send != null) {
                b.put("sendTimeUs", pick(send, "50", "99", "max"));
            }
            if (transfer != null) {
                b.put("transferTimeUs", pick(transfer, "50", "99", "max"));
            }
        }
        return b;
    }

    static Map<String, Object> pick(Map<String, Object> m, String... keys) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (String k : keys) {
            r.put(k.matches("\\d+") ? "p" + k : k, m.get(k));
        }
        return r;
    }

    // ----------------------------------------------------------------------------------- table

    static String table(Map<String, String> meta, Map<String, Object> phases, Map<String, Object> broker,
            Map<String, Object> summary, List<Map<String, Object>> goals, Double ratio) {
        StringBuilder s = new StringBuilder();
        String line = "-".repeat(100) + "\n";
        s.append(line);
        s.append(String.format(Locale.ROOT, "Tributary benchmark %s   commit %s%s   %s cores, %s   JFR %s%n",
                meta.getOrDefault("timestamp", "?"), meta.getOrDefault("git.commit", "?"),
                "true".equals(meta.get("git.dirty")) ? " (+uncommitted changes)" : "",
                meta.getOrDefault("host.cores", "?"), meta.getOrDefault("host.java", "?"),
                "0".equals(meta.getOrDefault("jfr", "0")) ? "off" : meta.get("jfr")));
        s.append(String.format(Locale.ROOT, "hub: %s consumers inbound/crm/erp %s/%s/%s, java opts '%s'%n",
                meta.getOrDefault("hub.jar", "?"), meta.getOrDefault("hub.inboundConsumers", "4"),
                meta.getOrDefault("hub.crmConsumers", "4"), meta.getOrDefault("hub.erpConsumers", "4"),
                meta.getOrDefault("hub.javaOpts", "")));
        if (summary.get("meanOtherCores") != null) {
            s.append(String.format(Locale.ROOT,
                    "other load on this host during the hub phases: %.2f cores on average (processes not started by the bench)%n",
                    num(summary.get("meanOtherCores"))));
        }
        if (meta.containsKey("hub.exitedDuring")) {
            s.append("THE HUB EXITED during phase " + meta.get("hub.exitedDuring") + "; later phases were skipped\n");
        }
        if (!"0".equals(meta.getOrDefault("hub.warnAndErrorLines", "0"))) {
            s.append(String.format(Locale.ROOT, "the hub logged %s WARN/ERROR lines while the bench ran (hub-warnings.txt in the run directory)%n",
                    meta.get("hub.warnAndErrorLines")));
        }
        s.append(line);
        s.append(String.format(Locale.ROOT, "%-11s %-40s %12s %12s %12s%n", "phase", "metric", "crm", "erp", "all"));
        for (var e : phases.entrySet()) {
            Map<String, Object> p = map(e.getValue());
            String name = e.getKey();
            if ("matching".equals(p.get("mode"))) {
                s.append(matchingRows(name, p)).append(line);
                continue;
            }
            if ("lookup".equals(p.get("mode"))) {
                s.append(lookupRows(name, p)).append(line);
                continue;
            }
            if ("failing".equals(p.get("mode"))) {
                s.append(failingRows(name, p, map(phases.get("latency")))).append(line);
                continue;
            }
            List<String> ts = targets(p);
            String conf = "saturate".equals(p.get("mode"))
                    ? String.format(Locale.ROOT, "%s events, %s clients x %s/request", p.get("plannedEvents"),
                            p.get("clients"), p.get("batch"))
                    : String.format(Locale.ROOT, "%s events/s for %s s, %s clients x %s/request",
                            fmt(num(path(p, "rate", "targetPerSec"))), fmt(num(path(p, "rate", "durationS"))),
                            p.get("clients"), p.get("batch"));
            s.append(String.format(Locale.ROOT, "%-11s %-40s %s; mix %s%n", name, "setup", conf, p.get("mix")));
            s.append(row("", "accepted (rejected, errors)", null, null,
                    p.get("accepted") + " (" + p.get("rejected") + ", " + p.get("errors") + ")"));
            s.append(row("", "accepted events/s", null, null, fmt(num(p.get("acceptedPerSec")))));
            Map<String, Object> irq = map(p.get("ingestRequestMs"));
            if (irq != null && irq.get("p50") != null) {
                s.append(row("", "ingest request ms p50/p99/max", null, null,
                        irq.get("p50") + "/" + irq.get("p99") + "/" + irq.get("max")));
            }
            if (p.get("rate") != null) {
                s.append(row("", "offered events/s (max sched. lag ms)", null, null,
                        fmt(num(path(p, "rate", "achievedPerSec"))) + " (" + path(p, "rate", "maxSchedulingLagMs") + ")"));
            }
            s.append(row("", "delivered (missing, duplicates)", cell(p, ts, 0, "delivered", "missing", "duplicateDeliveries"),
                    cell(p, ts, 1, "delivered", "missing", "duplicateDeliveries"), null));
            s.append(row("", "delivered events/s (until last one)", tnum(p, ts, 0, "deliveredPerSec"),
                    tnum(p, ts, 1, "deliveredPerSec"), fmt(num(p.get("deliveredPerSecAllTargets")))));
            s.append(row("", "delivered events/s (p10-p90 arrivals)", tnum(p, ts, 0, "steadyPerSec"),
                    tnum(p, ts, 1, "steadyPerSec"), null));
            s.append(row("", "time until all delivered s", tnum(p, ts, 0, "lastArrivalS"), tnum(p, ts, 1, "lastArrivalS"),
                    fmt(num(p.get("deliveredAllSeconds")))));
            s.append(callRows(p, ts));
            if (name.equals("adapters")) {
                Map<String, Object> sat = map(phases.get("saturation"));
                s.append(row("", "generic saturation delivered/s, same run", sat == null ? null : tnum(sat, ts, 0, "deliveredPerSec"),
                        sat == null ? null : tnum(sat, ts, 1, "deliveredPerSec"),
                        sat == null ? "-" : fmt(num(sat.get("deliveredPerSecAllTargets")))));
            }
            if (p.get("eventKey") instanceof String key && key.startsWith("order external id")) {
                s.append(row("", "(latency: sink arrival - Load's send time)", null, null, null));
            }
            for (String q : List.of("p50", "p95", "p99", "max")) {
                s.append(row("", "ingest->delivered latency ms " + q, lat(p, ts, 0, q), lat(p, ts, 1, q), null));
            }
            if (p.get("rate") != null) {
                for (int i = 0; i < ts.size(); i++) {
                    Object w = path(p, "targets", ts.get(i), "latencyP99MsBy10s");
                    if (w instanceof List<?> list && !list.isEmpty()) {
                        s.append(row("", "p99 ms per 10 s window, " + ts.get(i), null, null,
                                list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" "))));
                    }
                }
            }
            Map<String, Object> r = map(p.get("resources"));
            if (r != null) {
                s.append(row("", "hub peak heap used / committed MB", null, null,
                        fmt(num(r.get("peakHeapUsedMB"))) + " / " + fmt(num(r.get("peakHeapCommittedMB")))));
                s.append(row("", "hub RSS peak (VmHWM) MB", null, null, fmt(num(r.get("vmHwmMB")))));
                s.append(row("", "hub CPU cores (other load) mean", null, null,
                        fmt(num(r.get("meanHubCores"))) + " (" + fmt(num(r.get("meanOtherCores"))) + ")"));
            }
            s.append(row("", "drained", null, null, String.valueOf(p.get("drained"))));
            if (p.get("curve") instanceof List<?> curve && !curve.isEmpty() && "saturate".equals(p.get("mode"))) {
                s.append(String.format(Locale.ROOT, "%-11s %-40s%n", "", "backlog curve (t s: accepted / crm / erp):"));
                int step = Math.max(1, (int) Math.ceil(curve.size() / 12.0));
                StringBuilder c = new StringBuilder();
                for (int i = 0; i < curve.size(); i += step) {
                    c.append(point(map(curve.get(i)), ts));
                }
                if ((curve.size() - 1) % step != 0) {
                    c.append(point(map(curve.get(curve.size() - 1)), ts));
                }
                for (String piece : wrap(c.toString(), 86)) {
                    s.append("            ").append(piece).append('\n');
                }
            }
            s.append(line);
        }
        if (broker != null) {
            s.append(String.format(Locale.ROOT, "%-11s %-40s %s%n", "broker", "artemis perf client",
                    broker.getOrDefault("command", "")));
            s.append(row("", "persistent msgs/s sent / received", null, null,
                    fmt(num(broker.get("sentPerSec"))) + " / " + fmt(num(broker.get("receivedPerSec")))));
            s.append(row("", "msgs/s produced+consumed (reference)", null, null, fmt(num(broker.get("msgsPerSec")))));
            Map<String, Object> tt = map(broker.get("transferTimeUs"));
            if (tt != null) {
                s.append(row("", "transfer time us p50/p99/max", null, null, tt.get("p50") + "/" + tt.get("p99") + "/" + tt.get("max")));
            }
            s.append(row("", "hub delivered/s ÷ broker msgs/s", null, null, ratio == null ? "-" : fmt(ratio)));
            s.append(line);
        }
        s.append("GOALS\n");
        for (Map<String, Object> g : goals) {
            Object pass = g.get("pass");
            String mark = pass == null ? "n/a " : Boolean.TRUE.equals(pass) ? "PASS" : "FAIL";
            s.append(String.format(Locale.ROOT, "  [%s] %-62s %-10s actual %s%s%n", mark, g.get("goal"), g.get("target"),
                    g.get("actual") == null ? "-" : fmt(num(g.get("actual"))),
                    g.get("note") == null ? "" : "  (" + g.get("note") + ")"));
        }
        s.append(line);
        return s.toString();
    }

    /** Calls and records per write call the sink counted (vendor shapes), per target. */
    static String callRows(Map<String, Object> p, List<String> ts) {
        if (map(p.get("sinkCalls")) == null || ts.isEmpty()) {
            return "";
        }
        boolean any = false;
        String[] calls = new String[2];
        String[] per = new String[2];
        for (int i = 0; i < Math.min(2, ts.size()); i++) {
            Map<String, Object> c = map(path(p, "sinkCalls", ts.get(i)));
            if (c != null && num(c.get("writeCalls")) != null && num(c.get("writeCalls")) > 0) {
                any = true;
                calls[i] = fmt(num(c.get("calls"))) + " (" + fmt(num(c.get("writeCalls"))) + ")";
                per[i] = fmt(num(c.get("recordsPerWriteCall")));
            }
        }
        if (!any) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        s.append(row("", "vendor calls (writes)", calls[0], calls[1], null));
        s.append(row("", "records per write call", per[0], per[1], null));
        for (int i = 0; i < Math.min(2, ts.size()); i++) {
            Map<String, Object> counters = map(path(p, "sinkCalls", ts.get(i), "counters"));
            if (counters != null) {
                StringBuilder c = new StringBuilder();
                counters.forEach((k, v) -> c.append(k).append('=').append(fmt(num(v))).append("  "));
                for (String piece : wrap(ts.get(i) + ": " + c.toString().strip(), 86)) {
                    s.append("            ").append(piece).append('\n');
                }
            }
        }
        return s.toString();
    }

    /** The failing-customer phase: the others' latency next to the latency phase's, and the failing customer's order. */
    static String failingRows(String name, Map<String, Object> p, Map<String, Object> lat) {
        StringBuilder s = new StringBuilder();
        List<String> ts = targets(p);
        Map<String, Object> fc = map(p.get("failingCustomer"));
        s.append(String.format(Locale.ROOT, "%-11s %-40s %s events/s for %s s (+%s s warm-up), %s clients x %s/request%n",
                name, "setup", fmt(num(path(p, "rate", "targetPerSec"))), fmt(num(path(p, "rate", "durationS"))),
                fmt(num(path(p, "rate", "warmupS"))), p.get("clients"), p.get("batch")));
        if (fc != null) {
            s.append(String.format(Locale.ROOT, "%-11s %-40s customer %s (%s), one order every %s ms, 503 at %s%n", "",
                    "failing customer", fc.get("customer"), fc.get("region"), fc.get("intervalMs"), fc.get("failTargets")));
        }
        s.append(row("", "accepted (rejected, errors)", null, null,
                p.get("accepted") + " (" + p.get("rejected") + ", " + p.get("errors") + ")"));
        s.append(row("", "offered events/s (max sched. lag ms)", null, null,
                fmt(num(path(p, "rate", "achievedPerSec"))) + " (" + path(p, "rate", "maxSchedulingLagMs") + ")"));
        s.append(row("", "others: delivered (missing, duplicates)", cell(p, ts, 0, "delivered", "missing", "duplicateDeliveries"),
                cell(p, ts, 1, "delivered", "missing", "duplicateDeliveries"), null));
        for (String q : List.of("p50", "p95", "p99", "max")) {
            s.append(row("", "others: latency ms " + q, lat(p, ts, 0, q), lat(p, ts, 1, q), null));
            if (lat != null) {
                s.append(row("", "  latency phase, same run: " + q, lat(lat, ts, 0, q), lat(lat, ts, 1, q), null));
            }
        }
        for (String t : ts) {
            Object w = path(p, "targets", t, "latencyP99MsBy10s");
            if (w instanceof List<?> list && !list.isEmpty()) {
                for (String piece : wrap("others' p99 ms per 10 s window, " + t + ": "
                        + list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")), 86)) {
                    s.append("            ").append(piece).append('\n');
                }
            }
        }
        if (fc != null) {
            s.append(row("", "failing customer: orders accepted", null, null, fmt(num(fc.get("accepted")))));
            s.append(row("", "  arrived (during the window)", fcell(fc, ts, 0, "arrived", "arrivedDuringWindow"),
                    fcell(fc, ts, 1, "arrived", "arrivedDuringWindow"), null));
            s.append(row("", "  in sequence order", fval(fc, ts, 0, "inOrder"), fval(fc, ts, 1, "inOrder"),
                    String.valueOf(fc.get("inOrder"))));
            s.append(row("", "  first / last after the window s", fspan(fc, ts, 0), fspan(fc, ts, 1), null));
            Map<String, Object> calls = map(p.get("sinkCalls"));
            if (calls != null) {
                s.append(row("", "  503 answers of the sink", ts.size() > 0 ? fmt(num(path(calls, ts.get(0), "counters", "failed"))) : null,
                        ts.size() > 1 ? fmt(num(path(calls, ts.get(1), "counters", "failed"))) : null, null));
            }
        }
        s.append(resourceRows(p));
        s.append(row("", "drained", null, null, String.valueOf(p.get("drained"))));
        return s.toString();
    }

    static String fcell(Map<String, Object> fc, List<String> ts, int i, String a, String b) {
        Map<String, Object> t = i >= ts.size() ? null : map(path(fc, "targets", ts.get(i)));
        return t == null ? null : t.get(a) + " (" + t.get(b) + ")";
    }

    static String fval(Map<String, Object> fc, List<String> ts, int i, String key) {
        return i >= ts.size() ? null : String.valueOf(path(fc, "targets", ts.get(i), key));
    }

    static String fspan(Map<String, Object> fc, List<String> ts, int i) {
        Map<String, Object> t = i >= ts.size() ? null : map(path(fc, "targets", ts.get(i)));
        return t == null ? null : fmt(num(t.get("firstArrivalAfterWindowS"))) + " / " + fmt(num(t.get("lastArrivalAfterWindowS")));
    }

    static String matchingRows(String name, Map<String, Object> p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-11s %-40s %s companies as %s source customers %s, %s clients x %s/request%n",
                name, "setup", p.get("companies"), p.get("events"), p.get("perRegion"), p.get("clients"), p.get("batch")));
        s.append(row("", "accepted (rejected, errors)", null, null,
                p.get("accepted") + " (" + p.get("rejected") + ", " + p.get("errors") + ")"));
        s.append(row("", "accepted customers/s", null, null, fmt(num(p.get("acceptedPerSec")))));
        Map<String, Object> irq = map(p.get("ingestRequestMs"));
        if (irq != null && irq.get("p50") != null) {
            s.append(row("", "ingest request ms p50/p99/max", null, null,
                    irq.get("p50") + "/" + irq.get("p99") + "/" + irq.get("max")));
        }
        s.append(row("", "resolved (hub counter, kind=customer)", null, null, String.valueOf(p.get("resolved"))));
        s.append(row("", "time until all resolved s", null, null, fmt(num(p.get("resolvedSeconds")))));
        s.append(row("", "source customers resolved/s", null, null, fmt(num(p.get("customersResolvedPerSec")))
                + (p.get("customersResolvedPerSec") == null ? " (" + fmt(num(p.get("resolvedPerSecSoFar"))) + " so far)" : "")));
        Map<String, Object> check = map(p.get("mergeCheck"));
        if (check != null) {
            s.append(row("", "multi-region companies: one customer", null, null,
                    check.get("oneCustomer") + " of " + check.get("companies") + " (split " + check.get("split")
                            + ", missing " + check.get("missing") + ")"));
        }
        s.append(resourceRows(p));
        s.append(row("", "drained (all resolved)", null, null, String.valueOf(p.get("drained"))));
        return s.toString();
    }

    static String lookupRows(String name, Map<String, Object> p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-11s %-40s %s golden records, %s clients, %s s (after %s s warm-up)%n", name,
                "setup", p.get("golden"), p.get("clients"), fmt(num(p.get("durationS"))), fmt(num(p.get("warmupS")))));
        Map<String, Object> seed = map(p.get("seed"));
        if (seed != null) {
            s.append(row("", "seeded golden records (s, records/s)", null, null,
                    seed.get("inserted") + " (" + fmt(num(seed.get("seconds"))) + ", " + fmt(num(seed.get("goldenPerSec"))) + ")"));
        }
        s.append(String.format(Locale.ROOT, "%-11s %-40s %12s %12s %12s%n", "", "", "by id", "by source", "all"));
        s.append(row("", "lookups (failed)", lcell(p, "byId", "count") + " (" + lcell(p, "byId", "failed") + ")",
                lcell(p, "bySource", "count") + " (" + lcell(p, "bySource", "failed") + ")",
                p.get("requests") + " (" + p.get("failed") + ")"));
        s.append(row("", "lookups/s", lcell(p, "byId", "perSec"), lcell(p, "bySource", "perSec"),
                fmt(num(p.get("requestsPerSec")))));
        for (String q : List.of("p50", "p95", "p99", "p999", "max")) {
            s.append(row("", "latency ms " + q, fmt(num(path(p, "endpoints", "byId", "latencyMs", q))),
                    fmt(num(path(p, "endpoints", "bySource", "latencyMs", q))), fmt(num(path(p, "latencyMs", q)))));
        }
        if (p.get("p99MsBy5s") instanceof List<?> w && !w.isEmpty()) {
            s.append(row("", "p99 ms per 5 s window", null, null,
                    w.stream().map(v -> fmt(num(v))).collect(java.util.stream.Collectors.joining(" "))));
        }
        s.append(resourceRows(p));
        return s.toString();
    }

    static String lcell(Map<String, Object> p, String endpoint, String key) {
        Object v = path(p, "endpoints", endpoint, key);
        return v instanceof Number ? fmt(num(v)) : String.valueOf(v);
    }

    static String resourceRows(Map<String, Object> p) {
        Map<String, Object> r = map(p.get("resources"));
        if (r == null) {
            return "";
        }
        return row("", "hub peak heap used / committed MB", null, null,
                fmt(num(r.get("peakHeapUsedMB"))) + " / " + fmt(num(r.get("peakHeapCommittedMB"))))
                + row("", "hub RSS peak (VmHWM) MB", null, null, fmt(num(r.get("vmHwmMB"))))
                + row("", "hub CPU cores (other load) mean", null, null,
                        fmt(num(r.get("meanHubCores"))) + " (" + fmt(num(r.get("meanOtherCores"))) + ")");
    }

    static String point(Map<String, Object> pt, List<String> ts) {
        StringBuilder s = new StringBuilder();
        s.append(fmt(num(pt.get("t")))).append(": ").append(pt.get("accepted"));
        for (String t : ts) {
            s.append("/").append(pt.get(t));
        }
        return s.append("  ").toString();
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String part : text.split("  ")) {
            if (part.isBlank()) {
                continue;
            }
            if (cur.length() + part.length() + 2 > width && cur.length() > 0) {
                lines.add(cur.toString());
                cur.setLength(0);
            }
            cur.append(part).append("  ");
        }
        if (cur.length() > 0) {
            lines.add(cur.toString());
        }
        return lines;
    }

    static String row(String phase, String metric, String a, String b, String all) {
        return String.format(Locale.ROOT, "%-11s %-40s %12s %12s %12s%n", phase, metric, a == null ? "" : a,
                b == null ? "" : b, all == null ? "" : all);
    }

    static String cell(Map<String, Object> p, List<String> ts, int i, String a, String b, String c) {
        if (i >= ts.size()) {
            return null;
        }
        Map<String, Object> t = map(path(p, "targets", ts.get(i)));
        return t == null ? null : t.get(a) + " (" + t.get(b) + ", " + t.get(c) + ")";
    }

    static String tnum(Map<String, Object> p, List<String> ts, int i, String key) {
        return i >= ts.size() ? null : fmt(num(path(p, "targets", ts.get(i), key)));
    }

    static String lat(Map<String, Object> p, List<String> ts, int i, String q) {
        return i >= ts.size() ? null : fmt(num(path(p, "targets", ts.get(i), "latencyMs", q)));
    }

    static List<String> targets(Map<String, Object> phase) {
        Map<String, Object> t = phase == null ? null : map(phase.get("targets"));
        return t == null ? List.of() : new ArrayList<>(t.keySet());
    }

    /** Lowest sampled heap in the last quarter of the file's reading minus the lowest in the first quarter, MB. */
    @SuppressWarnings("unchecked")
    static Double heapGrowth(Map<String, Object> file) {
        Double readSeconds = num(file.get("readSeconds"));
        Object curve = file.get("curve");
        if (readSeconds == null || !(curve instanceof List<?> samples) || samples.size() < 8) {
            return null;
        }
        Double early = null;
        Double late = null;
        for (Object o : samples) {
            Map<String, Object> sample = (Map<String, Object>) o;
            Double t = num(sample.get("t"));
            Double heap = num(sample.get("heapMB"));
            if (t == null || heap == null || t > readSeconds) {
                continue;
            }
            if (t <= readSeconds / 4) {
                early = early == null ? heap : Math.min(early, heap);
            } else if (t >= readSeconds * 3 / 4) {
                late = late == null ? heap : Math.min(late, heap);
            }
        }
        return early == null || late == null ? null : round(late - early, 1);
    }

    static Map<String, Object> goal(String name, String target, Double actual, Boolean pass, String note) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("goal", name);
        g.put("target", target);
        g.put("actual", actual);
        g.put("pass", pass);
        g.put("note", note);
        return g;
    }

    // ---------------------------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static Object path(Map<String, Object> m, String... keys) {
        Object cur = m;
        for (String k : keys) {
            Map<String, Object> mm = map(cur);
            if (mm == null) {
                return null;
            }
            cur = mm.get(k);
        }
        return cur;
    }

    static Double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String str) {
            try {
                return Double.parseDouble(str);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Double max(Double a, Double b) {
        return a == null ? b : b == null ? a : Math.max(a, b);
    }

    static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    static String fmt(Double d) {
        if (d == null) {
            return "-";
        }
        if (Math.abs(d) >= 100 || d == Math.rint(d)) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 10 ? "%.1f" : "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A small JSON reader/writer: objects become LinkedHashMap, arrays ArrayList, numbers Double or Long. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            p.ws();
            Object v = p.value();
            p.ws();
            if (p.i != p.s.length()) {
                throw new IllegalArgumentException("trailing characters at " + p.i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        ws();
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        ws();
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String n = s.substring(start, i);
                    if (n.isEmpty()) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + start);
                    }
                    if (n.matches("-?\\d{1,18}")) {
                        return Long.parseLong(n);
                    }
                    return Double.parseDouble(n);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(b, o, 0);
            return b.toString();
        }

        /** Pretty enough: objects indented, but arrays of scalars/small objects (curve points) kept on one line each. */
        private static void write(StringBuilder b, Object o, int depth) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof String str) {
                b.append('"');
                for (char c : str.toCharArray()) {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format("\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else if (o instanceof Double d) {
                b.append(d.isNaN() || d.isInfinite() ? "null" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
            } else if (o instanceof Number || o instanceof Boolean) {
                b.append(o);
            } else if (o instanceof Map<?, ?> m) {
                boolean flat = depth > 0 && m.values().stream().noneMatch(v -> v instanceof Map || v instanceof List);
                b.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    if (!flat) {
                        b.append('\n').append("  ".repeat(depth + 1));
                    }
                    write(b, String.valueOf(e.getKey()), depth + 1);
                    b.append(flat ? ":" : ": ");
                    write(b, e.getValue(), depth + 1);
                }
                if (!flat && !m.isEmpty()) {
                    b.append('\n').append("  ".repeat(depth));
                }
                b.append('}');
            } else if (o instanceof List<?> l) {
                boolean scalars = l.stream().noneMatch(v -> v instanceof Map || v instanceof List);
                b.append('[');
                boolean first = true;
                for (Object x : l) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    if (!scalars) {
                        b.append('\n').append("  ".repeat(depth + 1));
                    }
                    write(b, x, depth + 1);
                }
                if (!scalars && !l.isEmpty()) {
                    b.append('\n').append("  ".repeat(depth));
                }
                b.append(']');
            } else {
                write(b, o.toString(), depth);
            }
        }
    }
}
