package org.coprogram.proposal.comment;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "comments")
public interface CommentConfig {

    /** How long after writing the author may still edit a comment. */
    @WithDefault("PT15M")
    Duration editWindow();
}
