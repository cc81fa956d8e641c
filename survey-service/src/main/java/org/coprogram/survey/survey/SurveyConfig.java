package org.coprogram.survey.survey;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "survey")
public interface SurveyConfig {

    /** Cells computed over fewer respondents than this are not published. */
    @WithDefault("5")
    int disclosureThreshold();

    /** How long a computed set of results may be served again; keeps results live within a second. */
    @WithDefault("500ms")
    Duration resultsMaxAge();

    /** How often surveys past their closing date are closed (and {@code survey.closed.v1} emitted). */
    @WithDefault("10s")
    Duration deadlineCheck();
}
