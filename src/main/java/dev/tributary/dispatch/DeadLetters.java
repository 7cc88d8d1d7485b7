package dev.tributary.dispatch;

import dev.tributary.broker.HubHeaders;
import dev.tributary.broker.ListenerSessionSender;
import dev.tributary.config.HubProperties;
import dev.tributary.ops.HubMetrics;
import dev.tributary.targets.DeliveryOutcome;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes an event that will not be delivered to its target's dead-letter queue
 * ({@code <target>.outbound.DLQ}), as it was consumed plus the reason headers: in the consumer's
 * transaction when a consumer gives up on it, else in a transaction of its own (a parked event).
 */
@Component
class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** Why an event is dead-lettered: the target refused it, or it failed on every allowed attempt. */
    enum Kind { PERMANENT, RETRIES_EXHAUSTED }

    private final ListenerSessionSender sender;
    private final JmsTemplate jms;
    private final HubMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    DeadLetters(ListenerSessionSender sender, ConnectionFactory connectionFactory, HubMetrics metrics) {
        this.sender = sender;
        this.metrics = metrics;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    /** Dead-letters an event; {@code session} is the consumer's, or null to send in a transaction of its own. */
    void send(Session session, String target, Map<String, Object> properties, byte[] body, Kind kind,
            DeliveryOutcome outcome, int attempts) throws JMSException {
        Map<String, Object> headers = new LinkedHashMap<>(properties);
        headers.put(HubHeaders.FAILURE_REASON, outcome.describe());
        headers.put(HubHeaders.FAILURE_KIND, kind.name());
        headers.put(HubHeaders.FAILURE_STATUS, outcome.httpStatus());
        headers.put(HubHeaders.FAILURE_CODE, outcome.code());
        headers.put(HubHeaders.FAILURE_TARGET, target);
        headers.put(HubHeaders.FAILURE_ATTEMPTS, attempts);
        headers.put(HubHeaders.FAILED_AT, clock.instant().toString());
        String queue = HubProperties.deadLetterQueue(target);
        if (session != null) {
            sender.send(session, queue, false, body, headers);
        } else {
            jms.send(queue, s -> {
                BytesMessage message = s.createBytesMessage();
                message.writeBytes(body);
                for (Map.Entry<String, Object> header : headers.entrySet()) {
                    if (header.getValue() != null) {
                        message.setObjectProperty(header.getKey(), header.getValue());
                    }
                }
                return message;
            });
        }
        // the reason may quote the target's answer, which can hold personal data: it travels in
        // the dead letter's headers, the log names only its kind, code and status
        LOG.warn("dead-lettered {} for {}: {} failure, code {}, HTTP status {}; reason in {}",
                properties.get(HubHeaders.EVENT_ID), target, kind, outcome.code(), outcome.httpStatus(), queue);
        metrics.deadLettered((String) properties.get(HubHeaders.REGION), target);
    }
}
