package dev.tributary.adapter.salesforce;

import dev.tributary.targets.DeliveryOutcome;

/**
 * A delivery cannot go on (the token endpoint refused or did not answer, or Salesforce did not
 * answer): {@link #outcome} is the outcome of every record not answered yet.
 */
final class DeliveryStopped extends Exception {

    final transient DeliveryOutcome outcome;

    DeliveryStopped(DeliveryOutcome outcome) {
        super(outcome.describe(), null, false, false);
        this.outcome = outcome;
    }
}
