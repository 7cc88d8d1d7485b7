package dev.tributary.dispatch;

import dev.tributary.broker.BatchCommitListenerContainer;
import dev.tributary.config.HubProperties;
import dev.tributary.ops.HubMetrics;
import dev.tributary.targets.TargetAdapterFactory;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One dispatch route per enabled target, e.g. {@code crm-dispatch} and {@code erp-dispatch}: it
 * consumes the target's queue on {@code hub.customer.events} and hands each event to the target's
 * {@link TargetDispatcher}, which delivers a transaction's events through the target's adapter
 * (chosen by {@code tributary.targets.<target>.adapter}) before the commit. A retry worker per
 * target delivers the parked events that are due.
 */
@Component
class DispatchRoutes extends RouteBuilder implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchRoutes.class);

    /** How often a target re-reads which customers are parked (another hub node may have parked some). */
    private static final long RELOAD_PARKED_MS = 30_000;

    /** How often a target re-reads its parked backlog for the gauges. */
    private static final long BACKLOG_MS = 5_000;

    private final HubProperties properties;
    private final Map<String, TargetAdapterFactory> factories = new TreeMap<>();
    private final ParkedEvents parked;
    private final DeadLetters deadLetters;
    private final HubMetrics metrics;
    private final ObjectMapper json;
    private final Binder binder;
    private final List<TargetDispatcher> dispatchers = new ArrayList<>();
    private final List<ScheduledExecutorService> workers = new ArrayList<>();

    DispatchRoutes(HubProperties properties, List<TargetAdapterFactory> factories, ParkedEvents parked,
            DeadLetters deadLetters, HubMetrics metrics, ObjectMapper json, Environment environment) {
        this.properties = properties;
        factories.forEach(f -> this.factories.put(f.adapter(), f));
        this.parked = parked;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.json = json;
        this.binder = Binder.get(environment);
    }

    @Override
    public void configure() {
        for (var entry : new TreeMap<>(properties.targets()).entrySet()) {
            if (entry.getValue().enabled()) {
                dispatch(entry.getKey(), entry.getValue());
            }
        }
    }

    private void dispatch(String target, HubProperties.Target settings) {
        TargetAdapterFactory factory = factories.get(settings.adapter());
        if (factory == null) {
            throw new IllegalStateException("tributary.targets." + target + ".adapter is '" + settings.adapter()
                    + "'; the adapters installed are " + factories.keySet());
        }
        if (settings.baseUrl() == null || !settings.baseUrl().matches("https?://[^\\s/]+.*")) {
            throw new IllegalStateException("tributary.targets." + target + ".base-url must be an http(s) URL, not '"
                    + settings.baseUrl() + "'");
        }
        // a connection for each consumer and one for the target's retry worker
        TargetHttp http = new TargetHttp(settings.connectTimeout(), settings.responseTimeout(), settings.consumers() + 1);
        var adapter = factory.create(new TargetContext(target, settings.baseUrl(), http, json, Clock.systemUTC(), binder));
        // room for 4 times what its consumers may hold in open transactions (see RecentDeliveries)
        int recent = Math.max(4096, 4 * settings.consumers() * properties.queues().commitBatch());
        TargetDispatcher dispatcher = new TargetDispatcher(target, settings, recent, adapter, properties.delivery(),
                parked, deadLetters, metrics, Clock.systemUTC());
        dispatcher.loadParked();
        dispatchers.add(dispatcher);
        String containers = target + "DispatchContainers";
        getContext().getRegistry().bind(containers, BatchCommitListenerContainer.factory(
                properties.queues().commitBatch(), properties.queues().commitGap(), dispatcher));

        String queue = properties.queues().events() + "::" + HubProperties.outboundQueue(target);
        // The consumer never sends in the route: it collects the transaction's events, which its
        // dispatcher delivers, parks or dead-letters just before the commit (CommitHook). A
        // failure there rolls the transaction back and the broker redelivers its events.
        from("jms:queue:" + queue + "?transacted=true&cacheLevelName=CACHE_CONSUMER"
                + "&messageListenerContainerFactory=#" + containers
                + "&concurrentConsumers=" + settings.consumers())
                .routeId(target + "-dispatch")
                .process(dispatcher::accept);

        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, target + "-retries");
            thread.setDaemon(true);
            return thread;
        });
        long poll = Math.max(10, properties.delivery().retryPoll().toMillis());
        long[] lastReload = {System.currentTimeMillis()};
        long[] lastBacklog = {0};
        worker.scheduleWithFixedDelay(() -> {
            try {
                while (dispatcher.retryDue() > 0) {
                    // more may be due at once (the next event of a customer that was delivered)
                }
                if (System.currentTimeMillis() - lastReload[0] > RELOAD_PARKED_MS) {
                    dispatcher.loadParked();
                    lastReload[0] = System.currentTimeMillis();
                }
                if (System.currentTimeMillis() - lastBacklog[0] > BACKLOG_MS) {
                    dispatcher.readBacklog();
                    lastBacklog[0] = System.currentTimeMillis();
                }
            } catch (RuntimeException e) {
                LOG.warn("retrying the parked events of {} failed ({}); trying again in {} ms", target, e.toString(), poll);
            }
        }, poll, poll, TimeUnit.MILLISECONDS);
        workers.add(worker);
        HubProperties.Breaker breaker = settings.breaker();
        LOG.info("target {}: adapter {}, {} consumers, batches of up to {}, rate limit {}, breaker {}", target,
                settings.adapter(), settings.consumers(), adapter.maxBatch(),
                settings.rateLimit() > 0 ? settings.rateLimit() + "/s" : "none", breaker.enabled()
                        ? "opening at " + breaker.failureRate() + "% of " + breaker.window() + " calls for " + breaker.openFor()
                        : "off");
    }

    /** The dispatchers (for stats). */
    List<TargetDispatcher> dispatchers() {
        return List.copyOf(dispatchers);
    }

    @Override
    public void destroy() {
        workers.forEach(ScheduledExecutorService::shutdownNow);
        dispatchers.forEach(TargetDispatcher::close);
    }
}
