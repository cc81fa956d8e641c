package org.coprogram.synthesis.analysis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "synthesis")
public interface AnalysisConfig {

    /** The most clusters one theme's contributions are split into. */
    @WithDefault("20")
    int maxClustersPerTheme();

    /**
     * Between full computations new contributions join the nearest existing cluster; a full computation runs again
     * once this share of the contributions counted at the last one is new, edited or removed.
     */
    @WithDefault("0.1")
    double recomputeAfterChangedShare();

    /**
     * Above this many contributions in a scope, each theme's topics are fitted on an evenly spaced sample (its share
     * of this many texts, at least 400) and its other contributions join the nearest topic: the full computation then
     * costs a fixed-size fit per theme plus one comparison per contribution. Under it, every contribution is fitted.
     */
    @WithDefault("8000")
    int fitBudget();

    /** ... or once the last full computation is this old. */
    @WithDefault("PT6H")
    Duration recomputeAfter();
}
