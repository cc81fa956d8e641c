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

    /** How anonymous responses are mixed before they become responses and events ({@code ResponseMixer}). */
    Mix mix();

    interface Mix {
        /** How often pending anonymous responses are looked at. */
        @WithDefault("30s")
        Duration interval();

        /**
         * Fewest pending responses of a survey mixed together while it takes responses: each response hides among at
         * least this many. A closed survey's remainder is mixed whatever its size.
         */
        @WithDefault("5")
        int minBatch();

        /** Most responses moved in one transaction; a larger backlog goes in several batches of one round. */
        @WithDefault("5000")
        int maxBatch();
    }

    /** Telling people who started a questionnaire and did not submit it that it closes soon ({@code ClosingSoonJob}). */
    ClosingSoon closingSoon();

    interface ClosingSoon {
        /** How long before the closing date people are told. */
        @WithDefault("PT48H")
        Duration lead();

        /** How often the job looks (the {@code @Scheduled} reads {@code survey.closing-soon.interval} itself). */
        @WithDefault("5m")
        Duration interval();

        /** Started rows taken in one transaction. */
        @WithDefault("200")
        int batchSize();

        /** Most batches in one round: the rest waits for the next round. */
        @WithDefault("50")
        int maxBatches();
    }
}
