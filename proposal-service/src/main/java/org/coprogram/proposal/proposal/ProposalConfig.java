package org.coprogram.proposal.proposal;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "proposal")
public interface ProposalConfig {

    /** How long after submitting the author may still edit, while nobody has supported the proposal. */
    @WithDefault("PT1H")
    Duration editWindow();

    /** Flags, since the last review, that hide a proposal until a moderator decides. */
    @WithDefault("3")
    int flagsToHide();
}
