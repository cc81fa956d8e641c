package org.coprogram.synthesis.readmodel;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "synthesis-rebuild")
public interface RebuildConfig {

    /** The most records one poll of a rebuild reads; the job's progress is committed after each. */
    @WithDefault("500")
    int batchSize();

    /**
     * A running job whose progress has not moved for this long is taken as dead (its replica stopped) and no longer
     * keeps another rebuild from starting. Longer than any one batch can take.
     */
    @WithDefault("10m")
    Duration staleAfter();
}
