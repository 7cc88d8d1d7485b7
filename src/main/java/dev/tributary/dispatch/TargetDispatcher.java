package dev.tributary.dispatch;

import dev.tributary.broker.BatchCommitListenerContainer;
import dev.tributary.broker.HubHeaders;
import dev.tributary.broker.ListenerSessionSender;
import dev.tributary.canonical.RecordType;
import dev.tributary.config.HubProperties;
import dev.tributary.ops.HubMetrics;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetAdapter;
import dev.tributary.targets.TargetEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery to one target, the same for every adapter. A consumer collects the events of its broker
 * transaction and delivers them just before the commit, in batches the adapter takes, one event
 * per customer per call and a customer's events in order. An event the target cannot take yet is
 * parked in the database ({@link ParkedEvents}) with its customer's later events behind it, and
 * retried by this target's retry worker after a backoff: no consumer thread waits, and other
 * customers flow at full speed. A permanent failure, or the last allowed attempt, goes to the
 * target's dead-letter queue with the reason. A rate limiter, a circuit breaker and a pause after
 * a throttled call (Retry-After) protect the target.
 */
final class TargetDispatcher implements BatchCommitListenerContainer.CommitHook {

    private static final Logger LOG = LoggerFactory.getLogger(TargetDispatcher.class);

    /** How long a retry worker holds a claimed customer before another worker may take it. */
    private static final long CLAIM_LEASE_MS = Duration.ofMinutes(2).toMillis();
    private static final int CLAIM_BATCH = 64;

    /** Outcomes of calls the hub did not make (paused target, open breaker, rate limit): no attempt is counted. */
    private static final Set<String> NOT_TRIED = Set.of("PAUSED", "CIRCUIT_OPEN", "RATE_LIMITED");

    /** The JMS property Artemis sets on a group's first message to a consumer (broker.xml default-group-first-key). */
    static final String GROUP_FIRST = "JMSXGroupFirstForConsumer";
    private static final int LOCK_STRIPES = 256;

    /** One consumed event on its way to the target. */
    record Item(TargetEvent event, String group, Map<String, Object> properties, Long receivedAt) {

        Item inGroup(String other) {
            return new Item(event, other, properties, receivedAt);
        }
    }

    private final String target;
    private final String adapterName;
    private final TargetAdapter adapter;
    private final HubProperties.Delivery delivery;
    private final ParkedEvents parked;
    private final DeadLetters deadLetters;
    private final HubMetrics metrics;
    private final Clock clock;
    private final RecentDeliveries delivered;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final Duration breakerOpenFor;
    private final Set<String> parkedGroups = ConcurrentHashMap.newKeySet();
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final ThreadLocal<List<Item>> pending = ThreadLocal.withInitial(ArrayList::new);
    private volatile long pausedUntilMs;
    private volatile long[] backlog = {0, 0};

    TargetDispatcher(String target, HubProperties.Target settings, int recentCapacity, TargetAdapter adapter,
            HubProperties.Delivery delivery, ParkedEvents parked, DeadLetters deadLetters, HubMetrics metrics,
            Clock clock) {
        this.target = target;
        this.adapterName = settings.adapter();
        this.adapter = adapter;
        this.delivery = delivery;
        this.parked = parked;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.delivered = new RecentDeliveries(recentCapacity);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
        HubProperties.Breaker b = settings.breaker();
        this.breakerOpenFor = b.openFor();
        this.breaker = b.enabled() ? CircuitBreaker.of(target, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(1, b.window()))
                .minimumNumberOfCalls(Math.max(1, b.minimumCalls()))
                .failureRateThreshold(b.failureRate())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, b.halfOpenCalls()))
                .build()) : null;
        this.limiter = settings.rateLimit() > 0 ? RateLimiter.of(target, RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .limitForPeriod((int) Math.ceil(settings.rateLimit()))
                // a consumer never waits for a permit: a call over the limit is parked instead
                .timeoutDuration(Duration.ZERO)
                .build()) : null;
        metrics.gauge(HubMetrics.BREAKER_STATE, target, this::breakerState);
        metrics.gauge(HubMetrics.PARKED_CUSTOMERS, target, parkedGroups::size);
        metrics.gauge(HubMetrics.PARKED_EVENTS, target, () -> backlog[0]);
        metrics.gauge(HubMetrics.PARKED_OLDEST, target,
                () -> backlog[1] == 0 ? 0 : Math.max(0, (clock.millis() - backlog[1]) / 1000));
    }

    String target() {
        return target;
    }

    /** What an operator sees of the target: its adapter, breaker and parked backlog (as last read). */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("target", target);
        view.put("adapter", adapterName);
        view.put("breaker", breaker == null ? "NONE" : breaker.getState().name());
        view.put("pausedForSeconds", Math.max(0, (pausedUntilMs - clock.millis()) / 1000));
        view.put("parkedCustomers", parkedGroups.size());
        view.put("parkedEvents", backlog[0]);
        view.put("oldestParkedSeconds", backlog[1] == 0 ? 0 : Math.max(0, (clock.millis() - backlog[1]) / 1000));
        return view;
    }

    /** The breaker's state: 0 closed, 1 open, 2 half-open, -1 none. */
    int breakerState() {
        if (breaker == null) {
            return -1;
        }
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> -1;
        };
    }

    /** Customers with events parked at this target (read at start and now and then from the database). */
    void loadParked() {
        parkedGroups.addAll(parked.groups(target));
    }

    /** Re-reads how many events wait and since when (for the gauges). */
    void readBacklog() {
        backlog = parked.backlog(target);
    }

    // ------------------------------------------------------------------ consumer side

    /**
     * Takes one consumed event into the consumer's open batch (delivered at the commit); a
     * redelivery of an event this target already took only acknowledges it.
     */
    void accept(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, Object> headers = message.getHeaders();
        String eventId = (String) headers.get(HubHeaders.EVENT_ID);
        Object count = headers.get(HubHeaders.DELIVERY_COUNT);
        if (count instanceof Number n && n.intValue() > 1 && delivered.wasDelivered(eventId)) {
            LOG.debug("{} already delivered to {}; delivery {} only acknowledges it", eventId, target, count);
            metrics.acknowledgedAgain((String) headers.get(HubHeaders.REGION), target);
            return;
        }
        Map<String, Object> properties = ListenerSessionSender.properties(headers);
        Item item = item(properties, ListenerSessionSender.utf8(message.getBody()));
        // a customer that comes to this consumer (after a restart, or from another hub node) may
        // have events parked by its previous consumer: they go first
        if (Boolean.parseBoolean(String.valueOf(headers.get(GROUP_FIRST))) && !parkedGroups.contains(item.group())
                && parked.isParked(target, item.group())) {
            parkedGroups.add(item.group());
        }
        pending.get().add(item);
    }

    static Item item(Map<String, Object> properties, byte[] body) {
        String collection = (String) properties.get(HubHeaders.COLLECTION);
        if (collection == null) {
            collection = RecordType.fromWireName((String) properties.get(HubHeaders.RECORD_TYPE)).collection();
        }
        String customer = (String) properties.get(HubHeaders.GLOBAL_CUSTOMER_ID);
        String group = (String) properties.getOrDefault(HubHeaders.GROUP_ID, customer);
        Object receivedAt = properties.get(HubHeaders.RECEIVED_AT);
        TargetEvent event = new TargetEvent((String) properties.get(HubHeaders.EVENT_ID), collection,
                (String) properties.get(HubHeaders.EXTERNAL_ID), customer, (String) properties.get(HubHeaders.REGION), body);
        return new Item(event, group == null ? event.externalId() : group, properties,
                receivedAt instanceof Number n ? n.longValue() : null);
    }

    @Override
    public void beforeCommit(Session session) throws JMSException {
        List<Item> items = new ArrayList<>(pending.get());
        pending.get().clear();
        if (items.isEmpty()) {
            return;
        }
        Map<String, Deque<Item>> byCustomer = new LinkedHashMap<>();
        for (Item item : items) {
            String collection = item.event().collection();
            if (!adapter.takes(collection)) {
                metrics.notTaken(target, collection);
                continue;
            }
            // a merge or unmerge waits for the other customer's parked events (an order of the
            // merged customer must reach the target before the customer is retired there)
            Item placed = (TargetEvent.MERGES.equals(collection) || TargetEvent.UNMERGES.equals(collection))
                    && parkedGroups.contains(item.event().externalId()) ? item.inGroup(item.event().externalId()) : item;
            byCustomer.computeIfAbsent(placed.group(), g -> new ArrayDeque<>()).add(placed);
        }
        // waves: the first event of every customer, then the second, ...; a customer parked by a
        // failure in one wave has its later events parked behind it
        while (!byCustomer.isEmpty()) {
            List<Item> wave = new ArrayList<>();
            for (var it = byCustomer.values().iterator(); it.hasNext(); ) {
                Deque<Item> events = it.next();
                Item next = events.poll();
                if (events.isEmpty()) {
                    it.remove();
                }
                if (!parkBehindIfWaiting(next)) {
                    wave.add(next);
                }
            }
            List<DeliveryOutcome> outcomes = deliver(wave);
            for (int i = 0; i < wave.size(); i++) {
                settleFirstAttempt(session, wave.get(i), outcomes.get(i));
            }
        }
    }

    @Override
    public void afterRollback() {
        pending.get().clear();
    }

    /** Parks the event behind its customer's parked ones, if there are any. */
    private boolean parkBehindIfWaiting(Item item) {
        if (!parkedGroups.contains(item.group())) {
            return false;
        }
        synchronized (lock(item.group())) {
            if (!parkedGroups.contains(item.group())) {
                return false;
            }
            long now = clock.millis();
            park(item, 0, now, null, now);
        }
        return true;
    }

    /** Parks an event of its customer (under the customer's lock), as waiting from now on. */
    private void park(Item item, int attempts, long dueMs, DeliveryOutcome failure, long nowMs) {
        parked.park(target, item.group(), item.event().eventId(), item.properties(), item.event().body(), attempts,
                dueMs, failure == null ? null : failure.describe(), failure == null ? null : failure.httpStatus(), nowMs);
        parkedGroups.add(item.group());
        metrics.parked(target);
    }

    private void settleFirstAttempt(Session session, Item item, DeliveryOutcome outcome) throws JMSException {
        switch (outcome.status()) {
            case DELIVERED -> delivered(item);
            case PERMANENT -> deadLetters.send(session, target, item.properties(), item.event().body(),
                    DeadLetters.Kind.PERMANENT, outcome, 1);
            case TRANSIENT -> {
                if (delivery.maxAttempts() <= 1) {
                    deadLetters.send(session, target, item.properties(), item.event().body(),
                            DeadLetters.Kind.RETRIES_EXHAUSTED, outcome, 1);
                    return;
                }
                long now = clock.millis();
                boolean tried = !notTried(outcome);
                long due = now + (tried ? wait(2, outcome) : outcome.retryAfter().toMillis());
                synchronized (lock(item.group())) {
                    park(item, tried ? 1 : 0, due, outcome, now);
                }
                LOG.debug("{} parked for {} after a transient failure ({})", item.event().eventId(), target, outcome.code());
            }
        }
    }

    private void delivered(Item item) {
        delivered.delivered(item.event().eventId());
        long since = item.receivedAt() == null ? 0 : Math.max(0, clock.millis() - item.receivedAt());
        metrics.delivered((String) item.properties().get(HubHeaders.REGION), target, Duration.ofMillis(since));
    }

    /** How long before the given attempt: the backoff with jitter, or the target's Retry-After if longer. */
    long wait(int attempt, DeliveryOutcome outcome) {
        long backoff = delivery.delayBeforeAttempt(attempt).toMillis();
        backoff += (long) (backoff * delivery.jitter() * ThreadLocalRandom.current().nextDouble());
        if (outcome.retryAfter() != null) {
            backoff = Math.max(backoff, Math.min(outcome.retryAfter().toMillis(), delivery.maxRetryAfter().toMillis()));
        }
        return backoff;
    }

    // ------------------------------------------------------------------ the calls

    /**
     * Delivers events of distinct customers: in calls of at most the adapter's batch size, through
     * the pause, breaker and rate limiter. One outcome per event, in order.
     */
    List<DeliveryOutcome> deliver(List<Item> items) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(items.size());
        int batch = Math.max(1, adapter.maxBatch());
        for (int from = 0; from < items.size(); from += batch) {
            List<TargetEvent> events = items.subList(from, Math.min(items.size(), from + batch)).stream()
                    .map(Item::event).toList();
            outcomes.addAll(call(events));
        }
        return outcomes;
    }

    private List<DeliveryOutcome> call(List<TargetEvent> events) {
        long now = clock.millis();
        long paused = pausedUntilMs - now;
        if (paused > 0) {
            return all(events, DeliveryOutcome.retryLater(429, "PAUSED", "the target asked the hub to wait (Retry-After)"
                    + " for another " + Math.max(1, paused / 1000) + " s", Duration.ofMillis(paused)));
        }
        if (breaker != null && !breaker.tryAcquirePermission()) {
            return all(events, DeliveryOutcome.retryLater(null, "CIRCUIT_OPEN", "the hub has stopped calling " + target
                    + " for a while: most of its recent calls failed", breakerOpenFor));
        }
        if (limiter != null && !limiter.acquirePermission()) {
            if (breaker != null) {
                breaker.releasePermission();
            }
            return all(events, DeliveryOutcome.retryLater(null, "RATE_LIMITED", "the hub's rate limit for " + target
                    + " is reached", Duration.ofSeconds(1)));
        }
        long start = System.nanoTime();
        List<DeliveryOutcome> outcomes = callAdapter(events);
        long took = System.nanoTime() - start;
        boolean callFailed = outcomes.stream().allMatch(DeliveryOutcome::isTransient);
        if (breaker != null) {
            if (callFailed) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new IllegalStateException(outcomes.get(0).describe()));
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
        }
        if (callFailed && outcomes.stream().allMatch(o -> o.retryAfter() != null && o.httpStatus() != null
                && o.httpStatus() == 429)) {
            long wait = outcomes.stream().mapToLong(o -> o.retryAfter().toMillis()).max().orElse(0);
            pausedUntilMs = clock.millis() + Math.min(wait, delivery.maxRetryAfter().toMillis());
        }
        return outcomes;
    }

    /**
     * The adapter's outcomes; an exception fails the call's events as transient, except that an
     * event the adapter cannot read or map is found by delivering the call's events one by one.
     */
    private List<DeliveryOutcome> callAdapter(List<TargetEvent> events) {
        try {
            List<DeliveryOutcome> outcomes = adapter.deliver(events);
            if (outcomes == null || outcomes.size() != events.size()) {
                throw new IllegalStateException("adapter of " + target + " answered " + (outcomes == null ? 0
                        : outcomes.size()) + " outcomes for " + events.size() + " events");
            }
            return outcomes;
        } catch (IllegalArgumentException | java.io.UncheckedIOException unreadable) {
            if (events.size() > 1) {
                List<DeliveryOutcome> outcomes = new ArrayList<>();
                for (TargetEvent event : events) {
                    outcomes.addAll(callAdapter(List.of(event)));
                }
                return outcomes;
            }
            return List.of(DeliveryOutcome.permanent(null, "UNREADABLE", "event cannot be delivered: "
                    + unreadable.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("adapter of {} failed on a call of {} events: {}", target, events.size(), e.toString());
            return all(events, DeliveryOutcome.retryLater(null, e.getClass().getSimpleName(),
                    "the hub could not call " + target + ": " + e.getMessage(), null));
        }
    }

    private static List<DeliveryOutcome> all(List<TargetEvent> events, DeliveryOutcome outcome) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            outcomes.add(outcome);
        }
        return outcomes;
    }

    // ------------------------------------------------------------------ retry worker side

    /**
     * Retries the heads of the customers that are due, once each; returns how many were taken, so
     * the worker goes on at once while there is work.
     */
    int retryDue() {
        long now = clock.millis();
        List<ParkedEvents.Due> due = parked.claimDue(target, now, CLAIM_BATCH, CLAIM_LEASE_MS);
        if (due.isEmpty()) {
            return 0;
        }
        List<Item> heads = new ArrayList<>();
        List<ParkedEvents.Due> groups = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        for (ParkedEvents.Due group : due) {
            ParkedEvents.Parked head = parked.head(target, group.group());
            if (head == null) {
                synchronized (lock(group.group())) {
                    if (!parked.settle(target, group.group(), -1, now)) {
                        parkedGroups.remove(group.group());
                    }
                }
                continue;
            }
            heads.add(item(head.properties(), head.body()));
            groups.add(group);
            rows.add(head.id());
        }
        List<DeliveryOutcome> outcomes = deliver(heads);
        for (int i = 0; i < heads.size(); i++) {
            try {
                settleRetry(heads.get(i), groups.get(i), rows.get(i), outcomes.get(i));
            } catch (RuntimeException e) {
                // the broker or the database failed: the event stays parked, due again soon
                LOG.warn("retry of {} for {} not settled ({}); it stays parked", heads.get(i).event().eventId(), target,
                        e.toString());
                try {
                    parked.release(target, groups.get(i).group(), clock.millis() + delivery.redeliveryDelay().toMillis());
                } catch (RuntimeException stillFailing) {
                    // the claim's lease runs out and the customer is taken again then
                }
            }
        }
        return due.size();
    }

    private void settleRetry(Item item, ParkedEvents.Due group, long row, DeliveryOutcome outcome) {
        int attempts = group.attempts() + 1;
        try {
            switch (outcome.status()) {
                case DELIVERED -> {
                    delivered(item);
                    metrics.retried(target, "delivered");
                }
                case PERMANENT -> {
                    deadLetters.send(null, target, item.properties(), item.event().body(), DeadLetters.Kind.PERMANENT,
                            outcome, attempts);
                    metrics.retried(target, "permanent");
                }
                case TRANSIENT -> {
                    if (notTried(outcome)) {
                        parked.release(target, group.group(), clock.millis() + outcome.retryAfter().toMillis());
                        metrics.retried(target, "deferred");
                        return;
                    }
                    if (attempts < delivery.maxAttempts()) {
                        parked.retryLater(target, group.group(), attempts, clock.millis() + wait(attempts + 1, outcome),
                                outcome.describe(), outcome.httpStatus());
                        metrics.retried(target, "transient");
                        return;
                    }
                    deadLetters.send(null, target, item.properties(), item.event().body(),
                            DeadLetters.Kind.RETRIES_EXHAUSTED, outcome, attempts);
                    metrics.retried(target, "exhausted");
                }
            }
        } catch (JMSException | org.springframework.jms.JmsException e) {
            // the dead letter could not be written: the event stays parked and is tried again
            LOG.warn("dead letter of {} for {} not written ({}); it stays parked", item.event().eventId(), target,
                    e.toString());
            parked.retryLater(target, group.group(), group.attempts(), clock.millis()
                    + delivery.redeliveryDelay().toMillis(), group.lastReason(), null);
            return;
        }
        synchronized (lock(group.group())) {
            if (!parked.settle(target, group.group(), row, clock.millis())) {
                parkedGroups.remove(group.group());
            }
        }
    }

    /** Whether the hub refused the call itself (paused, breaker open, rate limit): no attempt to count. */
    private static boolean notTried(DeliveryOutcome outcome) {
        return outcome.code() != null && NOT_TRIED.contains(outcome.code()) && outcome.retryAfter() != null;
    }

    private Object lock(String group) {
        return locks[Math.floorMod(group.hashCode(), LOCK_STRIPES)];
    }

    void close() {
        adapter.close();
    }
}
