package org.coprogram.proposal.proposal;

/** proposta, idea, segnalazione. */
public enum Kind {
    PROPOSAL, IDEA, REPORT
}
