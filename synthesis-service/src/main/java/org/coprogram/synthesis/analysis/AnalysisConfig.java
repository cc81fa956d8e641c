package org.coprogram.synthesis.analysis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "synthesis")
public interface AnalysisConfig {

    /** The most clusters one theme's contributions are split into. */
    @WithDefault("20")
    int maxClustersPerTheme();
}
