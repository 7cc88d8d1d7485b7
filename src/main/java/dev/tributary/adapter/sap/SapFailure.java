package dev.tributary.adapter.sap;

import dev.tributary.targets.DeliveryOutcome;

/** A call that ended the event's delivery, with its classified outcome. */
final class SapFailure extends Exception {

    private final transient DeliveryOutcome outcome;

    SapFailure(DeliveryOutcome outcome) {
        super(outcome.describe(), null, false, false);
        this.outcome = outcome;
    }

    DeliveryOutcome outcome() {
        return outcome;
    }
}
