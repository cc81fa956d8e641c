package org.coprogram.synthesis.plandocument;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The plan document's settings: the funding sources a region's measures may draw on, and the document's size. */
@ConfigMapping(prefix = "coprogram.plan-document")
public interface PlanDocumentConfig {

    /** The funding sources, in the order totals list them; a region replaces them in its configuration. */
    List<FundingSource> fundingSources();

    /** At most this many measures in one document. */
    @WithDefault("500")
    int maxMeasures();

    /**
     * The bounds of a transaction that publishes a version or links contributions ({@code TransactionLimits}): it
     * holds the draft's or the measure's lock, so one whose request was abandoned must end by itself.
     */
    WriteLimits writeLimits();

    interface WriteLimits {
        /** The longest one statement of it may run. */
        @WithDefault("PT60S")
        java.time.Duration statementTimeout();

        /** The longest it waits for a lock another holds (another publication of the same draft, say). */
        @WithDefault("PT15S")
        java.time.Duration lockTimeout();

        /** Idle this long in the open transaction (its work stalled), the server ends its session and its locks. */
        @WithDefault("PT30S")
        java.time.Duration idleTimeout();
    }

    interface FundingSource {
        /** The code measures use, e.g. {@code FNPS}. */
        String code();

        String label();
    }
}
