package dev.tributary.broker;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** The embedded broker and the in-VM URL that reaches it. */
class HubEmbeddedBroker extends EmbeddedActiveMQ {

    private final String vmUrl;

    HubEmbeddedBroker(String vmUrl) {
        this.vmUrl = vmUrl;
    }

    String vmUrl() {
        return vmUrl;
    }
}
