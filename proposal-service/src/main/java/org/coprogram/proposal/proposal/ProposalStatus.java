package org.coprogram.proposal.proposal;

public enum ProposalStatus {
    SUBMITTED, WITHDRAWN, ACCEPTED, PARTIALLY_ACCEPTED, NOT_ACCEPTED, MERGED
}
