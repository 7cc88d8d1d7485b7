package dev.tributary.broker;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.lang.model.SourceVersion;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

/**
 * Sends from inside a transacted JMS route on the session of the message being consumed, so the
 * send and the consume commit (or roll back) together in one local broker transaction. Written by
 * hand because Camel's JMS producer takes a session of its own from the connection factory (a new
 * connection per send with a plain factory, and outside the consumer's transaction).
 */
@Component
public class ListenerSessionSender {

    /** Exchange property holding the consumer's JMS session, kept at the start of a route. */
    public static final String SESSION = "tributaryJmsSession";

    private final Map<Session, MessageProducer> producers = new ConcurrentHashMap<>();

    /**
     * Remembers the consumer's session and continues with a plain copy of the message (body and
     * headers read once); call as the first step of a route. Camel would otherwise wrap every new
     * message of the exchange (an HTTP response, say) around the JMS message again, which JFR
     * showed costing about a sixth of the hub's CPU.
     */
    public void keepSession(Exchange exchange) {
        JmsMessage message = exchange.getIn(JmsMessage.class);
        if (message == null || message.getJmsSession() == null) {
            throw new IllegalStateException("route does not consume from a JMS session");
        }
        exchange.setProperty(SESSION, message.getJmsSession());
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.getHeaders().putAll(message.getHeaders());
        plain.setBody(utf8(message.getBody()));
        exchange.setMessage(plain);
    }

    /**
     * A message body as UTF-8 bytes: the hub's messages are bytes messages of UTF-8 JSON; a text
     * message (from another producer on a standalone broker) is encoded here, explicitly as UTF-8.
     */
    public static byte[] utf8(Object body) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("a hub message carries JSON text or bytes, not "
                + (body == null ? "nothing" : body.getClass().getSimpleName()));
    }

    /**
     * Sends the exchange's body (UTF-8 JSON) as a persistent bytes message with {@code properties}
     * to a queue (or, with {@code topic}, to a multicast address) in the consumer's transaction.
     */
    public void send(Exchange exchange, String destination, boolean topic, Map<String, Object> properties)
            throws JMSException {
        send(exchange, destination, topic, utf8(exchange.getMessage().getBody()), properties);
    }

    /** Sends {@code body} (UTF-8 JSON) like {@link #send(Exchange, String, boolean, Map)}. */
    public void send(Exchange exchange, String destination, boolean topic, byte[] body, Map<String, Object> properties)
            throws JMSException {
        Session session = exchange.getProperty(SESSION, Session.class);
        if (session == null) {
            throw new IllegalStateException("no consumer session kept for this exchange");
        }
        send(session, destination, topic, body, properties);
    }

    /** Sends {@code body} (UTF-8 JSON) on a consumer's {@code session}, in its transaction. */
    public void send(Session session, String destination, boolean topic, byte[] body, Map<String, Object> properties)
            throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (property.getValue() != null) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
        }
        MessageProducer producer = producers.computeIfAbsent(session, ListenerSessionSender::anonymousProducer);
        producer.send(topic ? session.createTopic(destination) : session.createQueue(destination), message,
                DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
    }

    /**
     * The message headers that can travel as JMS properties: the hub's own and the message group,
     * not Camel's or the JMS headers of the consumed message.
     */
    public static Map<String, Object> properties(Map<String, Object> headers) {
        Map<String, Object> properties = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            boolean simple = value instanceof String || value instanceof Number || value instanceof Boolean;
            boolean ours = !name.startsWith("JMS") && !name.startsWith("Camel") && SourceVersion.isName(name);
            if (simple && (ours || name.equals(HubHeaders.GROUP_ID))) {
                properties.put(name, value);
            }
        });
        return properties;
    }

    private static MessageProducer anonymousProducer(Session session) {
        try {
            return session.createProducer(null);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot create a producer on the consumer's session", e);
        }
    }
}
