package org.coprogram.proposal.proposal;

import java.util.Optional;

import org.coprogram.contracts.StakeholderCategory;

/** Who submits: the account, its pseudonym for events, and the stakeholder profile from the token. */
public record Author(String accountId, String pseudonym, Optional<StakeholderCategory> category,
        Optional<String> organization) {
}
