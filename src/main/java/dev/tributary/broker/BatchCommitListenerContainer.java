package dev.tributary.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import org.apache.camel.component.jms.DefaultJmsMessageListenerContainer;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's listener container, committing a consumer's local transaction once for several
 * messages instead of once per message: each broker commit is a blocking round trip through
 * several broker threads, and a profile showed those hand-offs taking ~40% of the hub's CPU.
 *
 * <p>A consumer thread keeps its transaction open while further messages are already waiting in
 * its client buffer (the broker prefetches into it), up to {@code maxMessages}, and commits as
 * soon as none arrives within {@code gap}: a quiet queue adds at most that gap to a message's
 * latency. What the route sent for those messages commits with them, as before. A failure rolls
 * the whole transaction back, and the broker redelivers its messages in their order; a
 * redelivered message is committed on its own, so a message that keeps failing takes the
 * messages of its first batch along only once. Routes using it must therefore be idempotent
 * for a message processed again after a rollback (the dispatch route remembers what it has
 * delivered; see {@code RecentDeliveries}).
 *
 * <p>Written by hand because neither Camel's JMS component nor Spring's listener containers
 * consume more than one message per transaction (Camel's old sjms-batch component is gone).
 */
public class BatchCommitListenerContainer extends DefaultJmsMessageListenerContainer {

    /**
     * Work a route leaves for the end of its consumer's transaction (dispatch delivers the
     * transaction's events in batches there): {@link #beforeCommit} runs on the consumer's thread
     * just before each commit, and may still send on the session; {@link #afterRollback} after a
     * rollback, to drop what it collected.
     */
    public interface CommitHook {

        void beforeCommit(Session session) throws JMSException;

        void afterRollback();
    }

    private static final CommitHook NONE = new CommitHook() {
        @Override
        public void beforeCommit(Session session) {
        }

        @Override
        public void afterRollback() {
        }
    };

    /** How long a consumer waits after its commit work failed (a database down), before it goes on. */
    private static final long PAUSE_AFTER_FAILED_COMMIT_MS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitListenerContainer.class);

    /** The open transaction of one consumer thread: its session and how many messages it holds. */
    private static final class Batch {
        Session session;
        MessageConsumer consumer;
        int messages;
    }

    private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);
    private volatile boolean stopping;
    private final int maxMessages;
    private final long gapMillis;
    private final CommitHook hook;

    public BatchCommitListenerContainer(JmsEndpoint endpoint, int maxMessages, Duration gap, CommitHook hook) {
        super(endpoint);
        this.maxMessages = Math.max(1, maxMessages);
        this.gapMillis = Math.max(1, gap.toMillis());
        this.hook = hook;
    }

    /** A factory for Camel's {@code messageListenerContainerFactory} endpoint option. */
    public static MessageListenerContainerFactory factory(int maxMessages, Duration gap) {
        return factory(maxMessages, gap, NONE);
    }

    /** A factory whose containers run {@code hook} around their commits and rollbacks. */
    public static MessageListenerContainerFactory factory(int maxMessages, Duration gap, CommitHook hook) {
        return endpoint -> new BatchCommitListenerContainer(endpoint, maxMessages, gap, hook);
    }

    @Override
    protected Message receiveMessage(MessageConsumer consumer) throws JMSException {
        Batch batch = batches.get();
        if (batch.consumer != consumer) {
            // a new consumer after a recovery (on a reused thread): the old transaction is gone
            batch.consumer = consumer;
            batch.messages = 0;
        }
        if (batch.messages > 0) {
            // receive with a timeout waits on the client buffer only (receiveNoWait would ask the
            // broker, a round trip); a stopping container commits what it has processed instead
            // of taking another message
            Message next = stopping() ? null : consumer.receive(gapMillis);
            if (next != null) {
                return next;
            }
            commit(batch);
        }
        return super.receiveMessage(consumer);
    }

    @Override
    protected void commitIfNecessary(Session session, Message message) throws JMSException {
        if (message == null || !session.getTransacted() || !isSessionLocallyTransacted(session)) {
            batches.get().messages = 0;
            if (message != null && !runHook(session)) {
                return;
            }
            super.commitIfNecessary(session, message);
            return;
        }
        Batch batch = batches.get();
        batch.session = session;
        batch.messages++;
        // a stopping container commits at once: Spring parks a stopped consumer without
        // receiving again, and closing its session would roll the processed messages back
        if (batch.messages >= maxMessages || message.getJMSRedelivered() || stopping()) {
            commit(batch);
        }
    }

    @Override
    public void start() {
        stopping = false;
        super.start();
    }

    @Override
    public void stop() {
        stopping = true;
        super.stop();
    }

    @Override
    public void stop(Runnable callback) {
        stopping = true;
        super.stop(callback);
    }

    @Override
    public void shutdown() {
        stopping = true;
        super.shutdown();
    }

    /**
     * Whether the container is stopping (stopped, or Camel stopping the route or context), without
     * taking {@link #isRunning()}'s lifecycle lock, which all consumers would contend for per message.
     */
    private boolean stopping() {
        return stopping || !runningAllowed();
    }

    /**
     * A message received into an open batch is processed even when the container stops
     * meanwhile: rejecting it would roll back the whole batch, processed messages included.
     */
    @Override
    public boolean isAcceptMessagesWhileStopping() {
        return super.isAcceptMessagesWhileStopping() || batches.get().messages > 0;
    }

    @Override
    protected void rollbackIfNecessary(Session session) throws JMSException {
        batches.get().messages = 0;
        hook.afterRollback();
        super.rollbackIfNecessary(session);
    }

    @Override
    protected void rollbackOnExceptionIfNecessary(Session session, Throwable ex) throws JMSException {
        batches.get().messages = 0;
        hook.afterRollback();
        super.rollbackOnExceptionIfNecessary(session, ex);
    }

    private void commit(Batch batch) throws JMSException {
        // cleared first: if the commit fails, the broker has rolled the messages back
        batch.messages = 0;
        if (runHook(batch.session)) {
            super.commitIfNecessary(batch.session, null);
        }
    }

    /**
     * Runs the commit hook; when it fails, rolls the transaction back (the broker redelivers its
     * messages), pauses briefly so that a failing database is not hammered, and answers false.
     */
    private boolean runHook(Session session) throws JMSException {
        try {
            hook.beforeCommit(session);
            return true;
        } catch (RuntimeException | JMSException e) {
            LOG.warn("work before a commit failed ({}); the transaction is rolled back and its messages come again",
                    e.toString());
            hook.afterRollback();
            session.rollback();
            try {
                Thread.sleep(PAUSE_AFTER_FAILED_COMMIT_MS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
