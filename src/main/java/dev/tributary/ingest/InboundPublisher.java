package dev.tributary.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.broker.HubHeaders;
import dev.tributary.config.HubProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes accepted submissions durable on the inbound queue. All events of a request go in one
 * broker transaction, so the journal syncs once per request; {@code commit} returns only when
 * they are on disk. The broker's duplicate detection (by event id) drops a repeated event; when a
 * transaction holds one, Artemis rolls the whole transaction back, so the events are then sent
 * one at a time, each confirmed ({@code blockOnDurableSend}), and the duplicates among them are
 * dropped by the broker.
 */
@Component
class InboundPublisher {

    private static final Logger log = LoggerFactory.getLogger(InboundPublisher.class);

    private final JmsTemplate transacted;
    private final JmsTemplate oneByOne;
    private final String queue;
    private final ObjectMapper mapper;

    InboundPublisher(ConnectionFactory connectionFactory, HubProperties properties, ObjectMapper mapper) {
        this.mapper = mapper;
        this.transacted = new JmsTemplate(connectionFactory);
        this.transacted.setSessionTransacted(true);
        this.oneByOne = new JmsTemplate(connectionFactory);
        this.queue = properties.queues().inbound();
    }

    /** Returns once every submission is durable (or known to the broker already). */
    void publish(List<Submission> submissions) {
        if (submissions.isEmpty()) {
            return;
        }
        try {
            boolean committed = transacted.execute(session -> {
                send(session, submissions);
                try {
                    session.commit();
                    return true;
                } catch (JMSException rolledBack) {
                    // Artemis rolls back a transaction that holds a duplicate; the one-by-one sends
                    // below tell a duplicate (dropped, confirmed) from a broker that is really down.
                    log.debug("transaction of {} events rolled back ({}); sending one by one",
                            submissions.size(), rolledBack.toString());
                    return false;
                }
            }, true);
            if (!committed) {
                oneByOne.execute(session -> {
                    for (Submission s : submissions) {
                        send(session, List.of(s));
                    }
                    return null;
                }, true);
            }
        } catch (JmsException e) {
            throw new BrokerUnavailableException("the broker did not confirm the events: " + e.getMessage(), e);
        }
    }

    private void send(Session session, List<Submission> submissions) throws JMSException {
        Queue destination = session.createQueue(queue);
        try (MessageProducer producer = session.createProducer(destination)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Submission s : submissions) {
                producer.send(toMessage(session, s));
            }
        }
    }

    private String warnings(Submission s) {
        try {
            return mapper.writeValueAsString(s.warnings());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("field errors always serialise", e);
        }
    }

    private Message toMessage(Session session, Submission s) throws JMSException {
        // UTF-8 bytes: half the size of a text message (which the broker keeps as UTF-16) in the
        // journal and in memory, and no string conversions on the way
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(s.recordJson());
        message.setStringProperty(HubHeaders.DUPLICATE_ID, s.eventId());
        message.setStringProperty(HubHeaders.GROUP_ID, s.customerKey());
        message.setStringProperty(HubHeaders.EVENT_ID, s.eventId());
        message.setStringProperty(HubHeaders.RECORD_TYPE, s.record().recordType().wireName());
        message.setStringProperty(HubHeaders.REGION, s.region());
        message.setStringProperty(HubHeaders.SOURCE_SYSTEM, s.sourceSystem());
        message.setStringProperty(HubHeaders.SOURCE_EVENT_ID, s.sourceEventId());
        message.setStringProperty(HubHeaders.TRACE_ID, s.traceId());
        message.setLongProperty(HubHeaders.RECEIVED_AT, s.receivedAt().toEpochMilli());
        if (!s.warnings().isEmpty()) {
            message.setStringProperty(HubHeaders.WARNINGS, warnings(s));
        }
        return message;
    }
}
