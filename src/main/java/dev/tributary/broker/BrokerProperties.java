package dev.tributary.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code tributary.broker.*}. */
@ConfigurationProperties("tributary.broker")
public record BrokerProperties(
        @DefaultValue("true") boolean embedded,
        @DefaultValue("file:config/broker/broker.xml") String config,
        @DefaultValue("./data") String dataDir,
        /* URL of an external broker; ignored when embedded (the hub then connects in-VM). */
        @DefaultValue("tcp://localhost:61616") String url,
        /* TCP port the embedded broker also listens on, on 127.0.0.1 (0: in-VM only). */
        @DefaultValue("0") int tcpPort,
        String user,
        String password,
        /* Pooled sessions per producer connection (ingest). */
        @DefaultValue("100") int sessionCacheSize,
        /* Producer connections in the ingest pool. */
        @DefaultValue("4") int producerConnections) {
}
