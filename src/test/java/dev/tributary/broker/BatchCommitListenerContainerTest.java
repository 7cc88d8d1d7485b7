package dev.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves how the batching listener container commits, on a real embedded Artemis broker: what a
 * consumer has processed is committed, also when its route stops in the middle of a batch, and a
 * failure rolls back the batch and redelivers it in order.
 */
class BatchCommitListenerContainerTest {

    private static final String URL = "vm://9417";

    private EmbeddedActiveMQ broker;
    private DefaultCamelContext camel;
    private final List<String> processed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(false).setSecurityEnabled(false).setJMXManagementEnabled(false);
        configuration.addAcceptorConfiguration("in-vm", URL);
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.start();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(URL);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("batch"));
            for (int i = 0; i < 10; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
        }
        camel = new DefaultCamelContext();
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(factory);
        jms.setLazyCreateTransactionManager(false);
        jms.setExposeListenerSession(true);
        camel.addComponent("jms", jms);
        camel.getRegistry().bind("batches", BatchCommitListenerContainer.factory(64, Duration.ofMillis(1)));
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        broker.stop();
    }

    @Test
    void should_commit_what_it_processed_when_its_route_stops_mid_batch() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        route(body -> {
            three.countDown();
            Thread.sleep(300);
        });
        camel.start();
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();

        camel.getRouteController().stopRoute("batch", 10, TimeUnit.SECONDS);

        assertThat(queued()).as("messages left after %s were processed", processed)
                .isEqualTo(10 - processed.size());
    }

    @Test
    void should_redeliver_a_rolled_back_batch_in_order() throws Exception {
        route(body -> {
            if (body.equals("m5/1")) {
                throw new IllegalStateException("first delivery of m5 fails");
            }
        });
        camel.start();

        awaitQueued(0);
        // m5 fails on its first delivery, so its open batch comes back, in order, before m6
        List<String> bodies = processed.stream().map(p -> p.substring(0, 2)).toList();
        List<String> byLastProcessing = bodies.stream().distinct()
                .sorted(java.util.Comparator.comparingInt(bodies::lastIndexOf)).toList();
        assertThat(byLastProcessing).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        assertThat(processed).contains("m5/1", "m5/2");
        assertThat(bodies.subList(bodies.indexOf("m6"), bodies.size()))
                .as("after the failure, every message once and in order")
                .containsExactly("m6", "m7", "m8", "m9");
    }

    private interface Step {
        void on(String bodyAndDelivery) throws Exception;
    }

    /** One consumer; records "body/deliveryCount" of every message it processes. */
    private void route(Step step) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:batch?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=1"
                        + "&messageListenerContainerFactory=#batches")
                        .routeId("batch")
                        .process(exchange -> {
                            String seen = exchange.getMessage().getBody(String.class) + "/"
                                    + exchange.getMessage().getHeader("JMSXDeliveryCount");
                            processed.add(seen);
                            step.on(seen);
                        });
            }
        });
    }

    private long queued() {
        return broker.getActiveMQServer().locateQueue("batch").getMessageCount();
    }

    private void awaitQueued(long count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queued() == count);
    }
}
