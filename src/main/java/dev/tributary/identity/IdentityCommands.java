package dev.tributary.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.broker.HubHeaders;
import dev.tributary.config.HubProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Merges, unmerges and steward decisions travel through the inbound queue like any event: checked
 * when asked (a precise refusal), queued durably, then carried out by the identity stage in order
 * with the records of that customer, and the events they cause are published in the same broker
 * transaction, so none is lost between the database and the broker.
 */
@Component
public class IdentityCommands {

    /** The record type of a queued identity command on the inbound queue. */
    public static final String RECORD_TYPE = "identity-command";

    private final IdentityResolver resolver;
    private final ObjectMapper mapper;
    private final JmsTemplate jms;
    private final String queue;

    IdentityCommands(IdentityResolver resolver, ObjectMapper mapper, ConnectionFactory connectionFactory,
            HubProperties properties) {
        this.resolver = resolver;
        this.mapper = mapper;
        this.jms = new JmsTemplate(connectionFactory);
        this.queue = properties.queues().inbound();
    }

    /** Thrown when a command cannot be carried out; the message says why, for the person who asked. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Thrown when the broker did not take the command: nothing was changed. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Checks and queues {@code command}; returns its id once it is durable. */
    public String submit(IdentityResolver.Command command) {
        String problem = resolver.problem(command);
        if (problem != null) {
            throw new Refused(problem);
        }
        String id = "identity-" + UUID.randomUUID();
        String group = command.customerId() != null ? command.customerId() : "steward";
        try {
            byte[] body = mapper.writeValueAsBytes(command);
            jms.execute(session -> {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                message.setStringProperty(HubHeaders.DUPLICATE_ID, id);
                message.setStringProperty(HubHeaders.EVENT_ID, id);
                message.setStringProperty(HubHeaders.GROUP_ID, group);
                message.setStringProperty(HubHeaders.RECORD_TYPE, RECORD_TYPE);
                message.setStringProperty(HubHeaders.REGION, "hq");
                message.setStringProperty(HubHeaders.SOURCE_SYSTEM, "tributary");
                message.setStringProperty(HubHeaders.TRACE_ID, id);
                message.setLongProperty(HubHeaders.RECEIVED_AT, System.currentTimeMillis());
                try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                    producer.send(message, DeliveryMode.PERSISTENT, jakarta.jms.Message.DEFAULT_PRIORITY, 0);
                }
                return null;
            }, true);
        } catch (JmsException | IOException e) {
            throw new Unavailable("the broker did not take the change; nothing was changed, ask again", e);
        }
        return id;
    }

    /** Carries out a queued command; the events it caused. */
    public List<IdentityResolver.Outgoing> apply(byte[] body, String eventId) throws IOException {
        return resolver.apply(mapper.readValue(body, IdentityResolver.Command.class), eventId);
    }
}
