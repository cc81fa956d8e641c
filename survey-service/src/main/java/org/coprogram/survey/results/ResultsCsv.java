package org.coprogram.survey.results;

import java.util.List;

import org.coprogram.common.csv.CsvWriter;

/**
 * The open-data form of {@link ResultsView}: one row per published figure, written by the platform's
 * {@link CsvWriter} (figures are numbers, labels are quoted text that never runs as a formula). Columns:
 * {@code survey_id, question_id, question_type, question_label, measure (respondents|answered|count|mean|median|borda),
 * value, value_label, figure, percent, suppressed}; a suppressed figure is empty with {@code suppressed=true}.
 */
final class ResultsCsv {

    static final List<String> HEADER = List.of("survey_id", "question_id", "question_type", "question_label",
            "measure", "value", "value_label", "figure", "percent", "suppressed");

    private ResultsCsv() {
    }

    static String of(ResultsView results) {
        StringBuilder out = new StringBuilder();
        CsvWriter csv = CsvWriter.to(out).row(HEADER);
        String survey = results.surveyId().toString();
        row(csv, survey, null, "respondents", null, null, results.respondents(), null, results.suppressed());
        for (ResultsView.QuestionResult q : results.questions()) {
            row(csv, survey, q, "answered", null, null, q.answered(), null, q.answeredSuppressed());
            if (q.cells() != null) {
                for (ResultsView.Cell cell : q.cells()) {
                    row(csv, survey, q, "count", cell.value(), cell.label(), cell.count(), cell.percent(),
                            cell.suppressed());
                }
            }
            if (q.stats() != null) {
                row(csv, survey, q, "mean", null, null, q.stats().mean(), null, q.stats().mean() == null);
                row(csv, survey, q, "median", null, null, q.stats().median(), null, q.stats().median() == null);
            }
            if (q.borda() != null) {
                for (ResultsView.Score score : q.borda()) {
                    row(csv, survey, q, "borda", score.option(), score.label(), score.points(), null,
                            score.suppressed());
                }
            }
        }
        return out.toString();
    }

    private static void row(CsvWriter csv, String survey, ResultsView.QuestionResult q, String measure, String value,
            String label, Number figure, Number percent, boolean suppressed) {
        csv.row(survey, q == null ? null : q.id(), q == null ? null : q.type().name(), q == null ? null : q.label(),
                measure, value, label, figure, percent, suppressed);
    }
}
