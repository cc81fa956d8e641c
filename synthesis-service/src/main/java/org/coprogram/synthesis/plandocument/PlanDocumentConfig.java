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

    interface FundingSource {
        /** The code measures use, e.g. {@code FNPS}. */
        String code();

        String label();
    }
}
