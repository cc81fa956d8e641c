package org.coprogram.survey.results;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.survey.survey.QuestionType;
import org.coprogram.survey.survey.SurveyStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Public aggregates of a survey for one slice. A {@code null} figure with {@code suppressed: true} was computed over
 * too few respondents to be shown (see {@link Disclosure}).
 */
public record ResultsView(UUID surveyId, int surveyVersion, SurveyStatus status, Filters filters,
        int disclosureThreshold, Long respondents, boolean suppressed, List<QuestionResult> questions,
        OffsetDateTime computedAt) {

    public record QuestionResult(String id, QuestionType type, String label, Long answered, boolean answeredSuppressed,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Cell> cells,
            @JsonInclude(JsonInclude.Include.NON_NULL) Stats stats,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Score> borda) {
    }

    /** An option, scale point or province: how many respondents chose it and their share of those who answered. */
    public record Cell(String value, String label, Long count, BigDecimal percent, boolean suppressed) {
    }

    /** Over those who answered; null when the answered count is suppressed or zero. */
    public record Stats(BigDecimal mean, BigDecimal median) {
    }

    /** Borda count of a ranking: an option ranked r-th of n earns n − r points from each respondent. */
    public record Score(String option, String label, Long points, boolean suppressed) {
    }
}
