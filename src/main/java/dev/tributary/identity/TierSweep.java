package dev.tributary.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Queues a tier check for each customer whose orders arrived faster than its rule was evaluated,
 * so that the order that crossed a threshold makes the account STRATEGIC even when no order
 * follows it. The check is a command on the inbound queue: its event goes out in that transaction.
 */
@Component
class TierSweep {

    private static final Logger LOG = LoggerFactory.getLogger(TierSweep.class);

    private final IdentityResolver resolver;
    private final IdentityCommands commands;

    TierSweep(IdentityResolver resolver, IdentityCommands commands) {
        this.resolver = resolver;
        this.commands = commands;
    }

    @Scheduled(fixedDelayString = "${tributary.identity.tier-check-interval:5s}")
    void sweep() {
        for (String customer : resolver.takeTierChecksDue()) {
            try {
                commands.submit(new IdentityResolver.Command("tier", customer, null, null, "rule"));
            } catch (RuntimeException e) {
                // the next order of that customer marks it again; nothing is lost but a moment
                LOG.warn("could not queue the tier check of {}: {}", customer, e.getMessage());
            }
        }
    }
}
