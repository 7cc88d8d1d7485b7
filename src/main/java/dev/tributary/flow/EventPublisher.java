package dev.tributary.flow;

import dev.tributary.broker.ListenerSessionSender;
import dev.tributary.config.HubProperties;
import jakarta.jms.JMSException;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Publishes the canonical event built by {@link InboundProcessor}, and the events the identity
 * stage added after it, to the multicast events address, in the same broker transaction as the
 * inbound message they came from.
 */
@Component("eventPublisher")
public class EventPublisher {

    private final ListenerSessionSender sender;
    private final String address;

    EventPublisher(ListenerSessionSender sender, HubProperties properties) {
        this.sender = sender;
        this.address = properties.queues().events();
    }

    /**
     * The identity stage's events go first: an order of a customer the targets have not seen yet
     * must find the customer's golden record there (an HQ system refuses an order whose account or
     * customer does not exist).
     */
    public void publish(Exchange exchange) throws JMSException {
        @SuppressWarnings("unchecked")
        List<InboundProcessor.Outbound> also = exchange.getProperty(InboundProcessor.ALSO, List.class);
        if (also != null) {
            for (InboundProcessor.Outbound event : also) {
                sender.send(exchange, address, true, event.body(), event.properties());
            }
        }
        if (!Boolean.TRUE.equals(exchange.getProperty(InboundProcessor.ONLY_ALSO, Boolean.class))) {
            sender.send(exchange, address, true, ListenerSessionSender.properties(exchange.getMessage().getHeaders()));
        }
    }
}
