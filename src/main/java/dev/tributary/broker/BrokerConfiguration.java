package dev.tributary.broker;

import dev.tributary.config.HubProperties;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ResourceLoader;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/** Wires the broker: its configuration, the embedded server when enabled, and the connection factory. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

    /** Each embedded broker in one JVM (tests start several) needs its own in-VM server id. */
    private static final AtomicInteger VM_IDS = new AtomicInteger();

    /** {@code broker.xml} as Artemis reads it, including its {@code ${name:default}} substitutions. */
    @Bean
    Configuration artemisConfiguration(BrokerProperties properties, ResourceLoader resources) throws Exception {
        String url = resources.getResource(properties.config()).getURL().toString();
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(url);
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        return configuration;
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "tributary.broker.embedded", havingValue = "true", matchIfMissing = true)
    HubEmbeddedBroker embeddedBroker(Configuration artemisConfiguration, BrokerProperties properties) throws Exception {
        Path data = Path.of(properties.dataDir(), "broker").toAbsolutePath();
        artemisConfiguration
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setNodeManagerLockDirectory(data.toString())
                .setJMXManagementEnabled(false);
        String vmUrl = "vm://" + VM_IDS.incrementAndGet();
        artemisConfiguration.getAcceptorConfigurations().clear();
        artemisConfiguration.addAcceptorConfiguration("in-vm", vmUrl);
        if (properties.tcpPort() > 0) {
            artemisConfiguration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + properties.tcpPort());
        }
        HubEmbeddedBroker server = new HubEmbeddedBroker(vmUrl);
        server.setConfiguration(artemisConfiguration);
        return server;
    }

    @Bean
    @ConditionalOnProperty(name = "tributary.broker.embedded", havingValue = "true", matchIfMissing = true)
    HubEmbeddedBrokerAccess embeddedBrokerAccess(HubEmbeddedBroker broker) {
        return new HubEmbeddedBrokerAccess(broker);
    }

    /**
     * The broker's own factory, for Camel's listener containers: each route's container opens
     * its own connection, and with local transactions a route's sends use the session of the
     * message it consumes, so consume and send commit together.
     */
    @Bean
    ActiveMQConnectionFactory camelConnectionFactory(BrokerProperties properties,
            ObjectProvider<HubEmbeddedBroker> embedded) {
        HubEmbeddedBroker server = embedded.getIfAvailable();
        String url = server == null ? properties.url() : server.vmUrl();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, properties.user(), properties.password());
        // the hub's addresses are fixed in broker.xml: look each one up once per session, not
        // with a blocking round trip to the broker before every send (seen in a profile: 5% of
        // the inbound route's time)
        factory.setCacheDestinations(true);
        return factory;
    }

    /**
     * Listener containers that commit several consumed messages in one broker transaction, for the
     * hub's consuming routes ({@code messageListenerContainerFactory=#batchCommitContainers}).
     */
    @Bean
    MessageListenerContainerFactory batchCommitContainers(HubProperties hub) {
        return BatchCommitListenerContainer.factory(hub.queues().commitBatch(), hub.queues().commitGap());
    }

    /**
     * A pool of connections and sessions for the ingest threads (pooled-jms, as Spring Boot uses
     * for Artemis): many concurrent requests, each sending its batch in one transaction, spread
     * over several connections instead of queueing on one.
     */
    @Bean(destroyMethod = "stop")
    @Primary
    JmsPoolConnectionFactory connectionFactory(ActiveMQConnectionFactory camelConnectionFactory,
            BrokerProperties properties) {
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(camelConnectionFactory);
        pool.setMaxConnections(properties.producerConnections());
        pool.setMaxSessionsPerConnection(properties.sessionCacheSize());
        pool.setBlockIfSessionPoolIsFull(true);
        return pool;
    }
}
