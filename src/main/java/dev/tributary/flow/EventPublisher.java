package dev.tributary.flow;

import dev.tributary.broker.ListenerSessionSender;
import dev.tributary.config.HubProperties;
import jakarta.jms.JMSException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Publishes the canonical event built by {@link InboundProcessor} to the multicast events
 * address, in the same broker transaction as the inbound message it came from.
 */
@Component("eventPublisher")
public class EventPublisher {

    private final ListenerSessionSender sender;
    private final String address;

    EventPublisher(ListenerSessionSender sender, HubProperties properties) {
        this.sender = sender;
        this.address = properties.queues().events();
    }

    public void publish(Exchange exchange) throws JMSException {
        sender.send(exchange, address, true, ListenerSessionSender.properties(exchange.getMessage().getHeaders()));
    }
}
