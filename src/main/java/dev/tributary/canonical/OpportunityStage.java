package dev.tributary.canonical;

/** The hub's stage scale; each source's own stage name is kept beside it. */
public enum OpportunityStage {
    PROSPECTING, QUALIFICATION, PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST
}
