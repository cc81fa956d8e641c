package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.List;

import org.coprogram.survey.csv.CsvCells;

/**
 * The open-data form of {@link ResultsView}: one row per published figure. Columns: {@code survey_id, question_id,
 * question_type, measure (respondents|answered|count|mean|median|borda), value, value_label, figure, percent,
 * suppressed}; a suppressed figure is empty with {@code suppressed=true}.
 */
final class ResultsCsv {

    static final List<String> HEADER = List.of("survey_id", "question_id", "question_type", "question_label",
            "measure", "value", "value_label", "figure", "percent", "suppressed");

    private ResultsCsv() {
    }

    static String of(ResultsView results) {
        StringBuilder csv = new StringBuilder(CsvCells.row(HEADER));
        String survey = results.surveyId().toString();
        csv.append(row(survey, null, "respondents", null, null, results.respondents(), null, results.suppressed()));
        for (ResultsView.QuestionResult q : results.questions()) {
            csv.append(row(survey, q, "answered", null, null, q.answered(), null, q.answeredSuppressed()));
            if (q.cells() != null) {
                for (ResultsView.Cell cell : q.cells()) {
                    csv.append(row(survey, q, "count", cell.value(), cell.label(), cell.count(), cell.percent(),
                            cell.suppressed()));
                }
            }
            if (q.stats() != null) {
                csv.append(row(survey, q, "mean", null, null, q.stats().mean(), null, q.answeredSuppressed()));
                csv.append(row(survey, q, "median", null, null, q.stats().median(), null, q.answeredSuppressed()));
            }
            if (q.borda() != null) {
                for (ResultsView.Score score : q.borda()) {
                    csv.append(row(survey, q, "borda", score.option(), score.label(), score.points(), null,
                            score.suppressed()));
                }
            }
        }
        return csv.toString();
    }

    private static String row(String survey, ResultsView.QuestionResult q, String measure, String value, String label,
            Object figure, Object percent, boolean suppressed) {
        List<Object> cells = new ArrayList<>();
        cells.add(survey);
        cells.add(q == null ? null : q.id());
        cells.add(q == null ? null : q.type().name());
        cells.add(q == null ? null : q.label());
        cells.add(measure);
        cells.add(value);
        cells.add(label);
        cells.add(figure);
        cells.add(percent);
        cells.add(suppressed);
        return CsvCells.row(cells);
    }
}
