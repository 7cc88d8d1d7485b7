package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.ingest.IncomingRecord;
import dev.tributary.ingest.Intake;
import dev.tributary.ingest.IntakeUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one declared Fxiaoke source: for each object, the changes since its watermark, ordered by
 * {@code last_modified_time} then {@code _id}, a page at a time. Each page goes to intake; only once
 * intake has answered does the watermark move (to the page's latest time, with the ids handed over
 * at that time), and the next page is asked for from the new watermark, not by offset, so changes
 * arriving meanwhile shift nothing. An offset is used only to step over a full page of changes
 * already handed over at the watermark's own time. Any error stops the poll with the watermark where
 * it was; a poll asked for while one runs is skipped, never run beside it.
 */
class FxiaokePoller {

    private static final Logger log = LoggerFactory.getLogger(FxiaokePoller.class);

    private final String region;
    private final String source;
    private final FxiaokeSettings settings;
    private final FxiaokeClient client;
    private final FxiaokeMapping mapping;
    private final Intake intake;
    private final Watermarks watermarks;
    private final FxiaokeMetrics metrics;
    private final ReentrantLock running = new ReentrantLock();

    FxiaokePoller(String region, String source, FxiaokeSettings settings, FxiaokeClient client, FxiaokeMapping mapping,
            Intake intake, Watermarks watermarks, FxiaokeMetrics metrics) {
        this.region = region;
        this.source = source;
        this.settings = settings;
        this.client = client;
        this.mapping = mapping;
        this.intake = intake;
        this.watermarks = watermarks;
        this.metrics = metrics;
    }

    FxiaokePollers.Outcome poll() {
        if (!running.tryLock()) {
            metrics.poll("skipped");
            return FxiaokePollers.Outcome.SKIPPED;
        }
        try {
            boolean failed = false;
            for (String object : settings.objects()) {
                try {
                    pollObject(object);
                } catch (FxiaokeException e) {
                    log.error("fxiaoke {}/{}: {} not polled, its watermark unchanged: {}", region, source, object,
                            e.getMessage());
                    metrics.error(e.errorCode() != null ? "errorCode-" + e.errorCode()
                            : e.transientFailure() ? "transient" : "http");
                    failed = true;
                    if (e.transientFailure()) {
                        break; // Fxiaoke itself is unreachable or busy: the other objects would only wait too
                    }
                    // an error of this object (a permission, a field) does not hold back the others
                }
            }
            metrics.poll(failed ? "failed" : "completed");
            return failed ? FxiaokePollers.Outcome.FAILED : FxiaokePollers.Outcome.COMPLETED;
        } catch (IntakeUnavailableException e) {
            log.warn("fxiaoke {}/{}: intake unavailable, the page is asked for again next poll: {}", region, source,
                    e.getMessage());
            metrics.error("intake-unavailable");
            metrics.poll("intake-unavailable");
            return FxiaokePollers.Outcome.INTAKE_UNAVAILABLE;
        } finally {
            running.unlock();
        }
    }

    private void pollObject(String object) {
        Watermark mark = watermarks.read(region, source, object).orElse(new Watermark(settings.startMillis(), java.util.Set.of()));
        int offset = 0;
        while (true) {
            // room for the rows handed over at the watermark's time, which the query returns again
            int limit = settings.pageSize() + Math.min(mark.idsAtTime().size(), settings.pageSize());
            List<ObjectNode> rows = client.query(object, since(mark, offset, limit)).rows();
            List<ObjectNode> fresh = new ArrayList<>();
            for (ObjectNode row : rows) {
                if (!mark.handled(row)) {
                    fresh.add(row);
                }
            }
            boolean lastPage = rows.size() < limit;
            if (fresh.isEmpty()) {
                if (lastPage) {
                    return;
                }
                offset += rows.size(); // a full page already handed over at the watermark's time
                continue;
            }
            List<ObjectNode> lines = object.equals(FxiaokeMapping.ORDER) ? lines(fresh) : List.of();
            List<IncomingRecord> records = mapping.records(region, object, fresh, lines);
            intake.submit(region, source, records);
            mark = mark.after(fresh);
            watermarks.save(region, source, object, mark);
            metrics.records(object, records.size());
            log.debug("fxiaoke {}/{}: {} {} handed to intake, watermark {}", region, source, records.size(), object,
                    mark.time());
            if (lastPage) {
                return;
            }
            offset = 0;
        }
    }

    private QueryRequest.SearchQueryInfo since(Watermark mark, int offset, int limit) {
        // a change is read only once it is visibilityLag old: one committed late with an earlier
        // last_modified_time would otherwise fall behind a watermark that has already passed it
        long visibleBefore = System.currentTimeMillis() - settings.visibilityLag().toMillis();
        return new QueryRequest.SearchQueryInfo(limit, offset,
                List.of(new QueryRequest.Filter("last_modified_time", List.of(mark.time()), "GTE"),
                        new QueryRequest.Filter("last_modified_time", List.of(visibleBefore), "LT")),
                FxiaokeClient.ascending("last_modified_time", "_id"));
    }

    /** Every line of the page's orders, page by page (a fixed set of orders, so offsets are stable). */
    private List<ObjectNode> lines(List<ObjectNode> orders) {
        List<Object> ids = orders.stream().map(o -> (Object) o.path("_id").asText()).toList();
        List<ObjectNode> lines = new ArrayList<>();
        for (int offset = 0; ; ) {
            List<ObjectNode> page = client.query(FxiaokeMapping.ORDER_LINE, new QueryRequest.SearchQueryInfo(
                    settings.pageSize(), offset, List.of(new QueryRequest.Filter("order_id", ids, "IN")),
                    FxiaokeClient.ascending("_id"))).rows();
            lines.addAll(page);
            if (page.size() < settings.pageSize()) {
                return lines;
            }
            offset += page.size();
        }
    }
}
