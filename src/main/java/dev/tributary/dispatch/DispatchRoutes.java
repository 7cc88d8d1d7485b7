package dev.tributary.dispatch;

import dev.tributary.broker.HubHeaders;
import dev.tributary.broker.ListenerSessionSender;
import dev.tributary.canonical.RecordType;
import dev.tributary.config.HubProperties;
import dev.tributary.flow.ExternalIds;
import dev.tributary.ops.HubMetrics;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One dispatch route per enabled target, e.g. {@code crm-dispatch} and {@code erp-dispatch}. */
@Component
class DispatchRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchRoutes.class);

    /** Exchange property holding the consumed event while the request message is out. */
    private static final String EVENT = "tributaryEvent";

    private final HubProperties properties;
    private final HubMetrics metrics;
    private final FailurePolicy policy;
    private final ListenerSessionSender sender;

    DispatchRoutes(HubProperties properties, HubMetrics metrics, ListenerSessionSender sender) {
        this.properties = properties;
        this.metrics = metrics;
        this.sender = sender;
        this.policy = new FailurePolicy(properties.delivery(), Clock.systemUTC());
    }

    @Override
    public void configure() {
        for (var entry : properties.targets().entrySet()) {
            if (entry.getValue().enabled()) {
                dispatch(entry.getKey(), entry.getValue());
            }
        }
    }

    private void dispatch(String target, HubProperties.Target settings) {
        String queue = properties.queues().events() + "::" + HubProperties.outboundQueue(target);
        String upsert = "direct:" + target + "-upsert";
        // one per target (a busy target must not push out what a failing one delivered), with
        // room for 4 times what its consumers may hold in open transactions (4,096 by default:
        // the last ~1.4 s of deliveries at 3,000 events/s; 16 times measured 2,418-2,710 events/s
        // in bench saturation runs against 2,999 with 4 times, likely through the heap it holds)
        RecentDeliveries delivered = new RecentDeliveries(
                Math.max(4096, 4 * settings.consumers() * properties.queues().commitBatch()));
        // The consuming route never retries in place, so Camel keeps no defensive copy of the
        // consumed JMS message before each step (a profile showed those copies at 14% of a
        // dispatch thread); the in-route retries wrap the HTTP call only, in the upsert route.
        // Each route's own error policy sees only its own failures (Camel does not hand a
        // failure the upsert route dealt with back to the caller's), so both declare it.
        // The consumers commit several messages per transaction (BatchCommitListenerContainer);
        // a redelivered event this target has already acknowledged is not sent again.
        deadLetterWhenDue(from("jms:queue:" + queue + "?transacted=true&cacheLevelName=CACHE_CONSUMER"
                        + "&messageListenerContainerFactory=#batchCommitContainers"
                        + "&concurrentConsumers=" + settings.consumers())
                .routeId(target + "-dispatch")
                .onException(Exception.class), target)
                .end()
                .process(exchange -> prepareRequest(exchange, target, delivered))
                .to(upsert);

        deadLetterWhenDue(from(upsert)
                .routeId(target + "-upsert")
                .onException(Exception.class)
                    .retryWhile(policy::retryInRoute)
                    .redeliveryDelay(properties.delivery().routeRetryDelay().toMillis())
                    .useExponentialBackOff().backOffMultiplier(2)
                    .logRetryAttempted(true).retryAttemptedLogLevel(LoggingLevel.DEBUG), target)
                .end()
                // noErrorHandler: a failure inside the Kamelet comes back to this route's policy
                .to("kamelet:hq-http-upsert-sink?noErrorHandler=true&baseUrl=RAW(" + settings.baseUrl()
                        + ")&httpComponent=" + httpComponent(target, settings))
                .process(exchange -> {
                    delivered.delivered(exchange.getProperty(HubHeaders.EVENT_ID, String.class));
                    metrics.delivered(exchange.getProperty(HubHeaders.REGION, String.class), target,
                            sinceReceived(exchange));
                });
    }

    /**
     * A failure that is permanent, or on the last allowed delivery (HUB_DELIVERY_MAX_ATTEMPTS),
     * goes to the target's dead-letter queue with its reason, in the consumer's transaction; any
     * other failure is left unhandled, so the transaction rolls back and the broker redelivers.
     */
    private OnExceptionDefinition deadLetterWhenDue(OnExceptionDefinition onFailure, String target) {
        onFailure.logExhausted(false).logStackTrace(false)
                .handled((Predicate) policy::deadLetterNow)
                .filter(policy::deadLetterNow)
                    .process(DispatchRoutes::restoreEvent)
                    .process(exchange -> policy.describe(exchange, target))
                    // the reason may quote the target's answer, which can hold personal data: it
                    // travels in the dead letter's headers, the log names only its kind and status
                    .log(LoggingLevel.WARN, "dead-lettered ${header." + HubHeaders.EVENT_ID + "} for " + target
                            + ": ${header." + HubHeaders.FAILURE_KIND + "} failure, HTTP status ${header."
                            + HubHeaders.FAILURE_STATUS + "}; reason in " + HubProperties.deadLetterQueue(target))
                    .process(exchange -> sender.send(exchange, HubProperties.deadLetterQueue(target), false,
                            ListenerSessionSender.properties(exchange.getMessage().getHeaders())))
                    .process(exchange -> metrics.deadLettered(
                            exchange.getMessage().getHeader(HubHeaders.REGION, String.class), target))
                .end();
        return onFailure;
    }

    /**
     * Keeps the listener's session for a dead letter, ends a redelivery of an event the target
     * has already acknowledged (it was rolled back with a failing event of its batch), waits out
     * the backoff of a redelivery, sets the consumed event aside (for a dead letter) and
     * continues with a request message that carries only the upsert's own headers.
     */
    private void prepareRequest(Exchange exchange, String target, RecentDeliveries delivered) throws Exception {
        sender.keepSession(exchange);
        Message message = exchange.getMessage();
        String eventId = message.getHeader(HubHeaders.EVENT_ID, String.class);
        Integer deliveryCount = message.getHeader(HubHeaders.DELIVERY_COUNT, Integer.class);
        if (deliveryCount != null && deliveryCount > 1 && delivered.wasDelivered(eventId)) {
            LOG.debug("{} already delivered to {}; delivery {} only acknowledges it", eventId, target, deliveryCount);
            metrics.acknowledgedAgain(message.getHeader(HubHeaders.REGION, String.class), target);
            exchange.setRouteStop(true);
            return;
        }
        policy.backOffBeforeRedelivery(exchange);
        exchange.setProperty(EVENT, message);
        exchange.setProperty(FailurePolicy.DELIVERY_COUNT, deliveryCount);
        exchange.setProperty(HubHeaders.EVENT_ID, eventId);
        exchange.setProperty(HubHeaders.REGION, message.getHeader(HubHeaders.REGION));
        exchange.setProperty(HubHeaders.RECEIVED_AT, message.getHeader(HubHeaders.RECEIVED_AT));
        // the identity stage's events (customer-merges, customer-unmerges) name their collection
        String collection = message.getHeader(HubHeaders.COLLECTION, String.class);
        if (collection == null) {
            collection = RecordType.fromWireName(message.getHeader(HubHeaders.RECORD_TYPE, String.class)).collection();
        }
        String externalId = message.getHeader(HubHeaders.EXTERNAL_ID, String.class);
        Message request = new DefaultMessage(exchange);
        request.setBody(message.getBody());
        request.setHeader(Exchange.HTTP_PATH, collection + "/" + dev.tributary.targets.TargetHttp.pathSegment(externalId));
        request.setHeader("Idempotency-Key", eventId);
        request.setHeader("ce-id", eventId);
        exchange.setMessage(request);
    }

    /** An HTTP component of the target's own, so each target has its own timeouts and pool. */
    private String httpComponent(String target, HubProperties.Target settings) {
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout((int) settings.connectTimeout().toMillis());
        http.setConnectionRequestTimeout((int) settings.connectTimeout().toMillis());
        http.setResponseTimeout((int) settings.responseTimeout().toMillis());
        http.setSoTimeout((int) settings.responseTimeout().toMillis());
        // an upsert API needs no cookies, redirects or compression; the answer's headers are not
        // used on success (a failure carries them in its exception)
        http.setCookieManagementDisabled(true);
        http.setRedirectHandlingDisabled(true);
        http.setContentCompressionDisabled(true);
        http.setSkipResponseHeaders(true);
        // no hidden retries inside the HTTP client (it would sleep for a 429's Retry-After and
        // resend on I/O errors): every retry is the route's decision, counted and logged
        // (the component's automaticRetriesDisabled option did not reach the client in 4.17);
        // nor per-request work an upsert does not need: user tokens (connection state), cookie
        // and auth caches (request interceptors, ~8% of a dispatch thread in a profile)
        http.setHttpClientConfigurer(builder -> builder.disableAutomaticRetries()
                .disableConnectionState().disableCookieManagement().disableAuthCaching());
        getContext().addComponent(target + "-http", http);
        return target + "-http";
    }

    /** Puts the event back as it was consumed (body and headers), for the dead-letter queue. */
    private static void restoreEvent(Exchange exchange) {
        Message event = exchange.getProperty(EVENT, Message.class);
        if (event != null) {
            exchange.setMessage(event);
        }
    }

    private static Duration sinceReceived(Exchange exchange) {
        Long receivedAt = exchange.getProperty(HubHeaders.RECEIVED_AT, Long.class);
        return receivedAt == null ? Duration.ZERO : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - receivedAt));
    }
}
