package dev.tributary.broker;


/**
 * Stops and starts the embedded broker in place (same journal), for operations and for the
 * tests that prove an outage loses nothing.
 */
public class HubEmbeddedBrokerAccess {

    private final HubEmbeddedBroker broker;

    HubEmbeddedBrokerAccess(HubEmbeddedBroker broker) {
        this.broker = broker;
    }

    public void stop() throws Exception {
        broker.stop();
    }

    public void start() throws Exception {
        broker.start();
    }
}
