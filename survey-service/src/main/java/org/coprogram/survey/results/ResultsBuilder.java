package org.coprogram.survey.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.coprogram.common.territory.Province;
import org.coprogram.survey.response.AnswerSheet;
import org.coprogram.survey.results.ResultsView.Cell;
import org.coprogram.survey.results.ResultsView.QuestionResult;
import org.coprogram.survey.results.ResultsView.Score;
import org.coprogram.survey.results.ResultsView.Stats;
import org.coprogram.survey.survey.Question;
import org.coprogram.survey.survey.QuestionType;
import org.coprogram.survey.survey.Survey;

/**
 * Turns tally counts (see {@code AnswerSheet}) into results, suppressing what {@link Disclosure} forbids. Where a
 * question's cells add up to its answered count (single choice, scale, municipality), one suppressed cell could be
 * recovered by subtraction, so a second one is suppressed with it.
 */
final class ResultsBuilder {

    private final Map<String, long[]> tallies;
    private final int slices;
    private final Disclosure disclosure;

    /** @param tallies per tally, its count in the requested slice then in each parent slice */
    ResultsBuilder(Map<String, long[]> tallies, int slices, Disclosure disclosure) {
        this.tallies = tallies;
        this.slices = slices;
        this.disclosure = disclosure;
    }

    ResultsView build(Survey survey, Filters filters, List<Province> provinces) {
        long[] respondents = counts(AnswerSheet.RESPONSE_TALLY);
        boolean suppressed = !disclosure.publishable(respondents);
        List<QuestionResult> questions = new ArrayList<>();
        for (Question question : survey.questions) {
            questions.add(suppressed ? hidden(question) : question(question, provinces));
        }
        return new ResultsView(survey.id, survey.version, survey.status, filters, disclosure.threshold(),
                suppressed ? null : respondents[0], suppressed, questions, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static QuestionResult hidden(Question q) {
        return new QuestionResult(q.id(), q.type(), q.label(), null, true, null, null, null);
    }

    private QuestionResult question(Question q, List<Province> provinces) {
        long[] answeredCounts = counts(q.id() + "|");
        boolean answeredShown = disclosure.publishable(answeredCounts);
        Long answered = answeredShown ? answeredCounts[0] : null;
        return switch (q.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> new QuestionResult(q.id(), q.type(), q.label(), answered,
                    !answeredShown, cells(q, q.optionList().stream().map(o -> new String[]{o.id(), o.label()}).toList(),
                            answered),
                    null, null);
            case SCALE -> {
                List<String[]> points = new ArrayList<>();
                for (int p = q.min().intValue(); p <= q.max().intValue(); p++) {
                    points.add(new String[]{Integer.toString(p), Integer.toString(p)});
                }
                yield new QuestionResult(q.id(), q.type(), q.label(), answered, !answeredShown,
                        cells(q, points, answered), stats(q, answered), null);
            }
            case MUNICIPALITY -> new QuestionResult(q.id(), q.type(), q.label(), answered, !answeredShown,
                    cells(q, provinces.stream().map(p -> new String[]{p.code(), p.name()}).toList(), answered), null,
                    null);
            case NUMBER -> new QuestionResult(q.id(), q.type(), q.label(), answered, !answeredShown, null,
                    stats(q, answered), null);
            case RANKING -> new QuestionResult(q.id(), q.type(), q.label(), answered, !answeredShown, null, null,
                    borda(q, answered));
            case SHORT_TEXT, LONG_TEXT -> new QuestionResult(q.id(), q.type(), q.label(), answered, !answeredShown,
                    null, null, null);
        };
    }

    private List<Cell> cells(Question q, List<String[]> values, Long answered) {
        List<long[]> counts = values.stream().map(v -> counts(q.id() + "|" + v[0])).toList();
        boolean[] shown = new boolean[values.size()];
        int hiddenCount = 0;
        for (int i = 0; i < shown.length; i++) {
            shown[i] = answered != null && disclosure.publishable(counts.get(i));
            hiddenCount += shown[i] ? 0 : 1;
        }
        boolean partition = q.type() != QuestionType.MULTIPLE_CHOICE;
        if (partition && answered != null && hiddenCount == 1 && shown.length > 1) {
            int smallest = -1;
            for (int i = 0; i < shown.length; i++) {
                if (shown[i] && (smallest < 0 || counts.get(i)[0] < counts.get(smallest)[0])) {
                    smallest = i;
                }
            }
            shown[smallest] = false;
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < shown.length; i++) {
            long count = counts.get(i)[0];
            cells.add(shown[i]
                    ? new Cell(values.get(i)[0], values.get(i)[1], count, percent(count, answered), false)
                    : new Cell(values.get(i)[0], values.get(i)[1], null, null, true));
        }
        return cells;
    }

    /** Mean and median over the answered values, read from their tallies. */
    private Stats stats(Question q, Long answered) {
        if (answered == null || answered == 0) {
            return new Stats(null, null);
        }
        String prefix = q.id() + "|";
        TreeMap<BigDecimal, Long> histogram = new TreeMap<>();
        for (Map.Entry<String, long[]> tally : tallies.entrySet()) {
            String key = tally.getKey();
            if (key.startsWith(prefix) && key.length() > prefix.length() && tally.getValue()[0] > 0) {
                histogram.merge(new BigDecimal(key.substring(prefix.length())), tally.getValue()[0], Long::sum);
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, Long> bin : histogram.entrySet()) {
            sum = sum.add(bin.getKey().multiply(BigDecimal.valueOf(bin.getValue())));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(answered), MathContext.DECIMAL64).setScale(2,
                RoundingMode.HALF_UP);
        return new Stats(mean, median(histogram, answered));
    }

    private static BigDecimal median(TreeMap<BigDecimal, Long> histogram, long n) {
        BigDecimal lower = valueAt(histogram, (n - 1) / 2);
        BigDecimal upper = valueAt(histogram, n / 2);
        return lower.add(upper).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
    }

    /** The value at 0-based position {@code index} of the sorted answers. */
    private static BigDecimal valueAt(TreeMap<BigDecimal, Long> histogram, long index) {
        long seen = 0;
        for (Map.Entry<BigDecimal, Long> bin : histogram.entrySet()) {
            seen += bin.getValue();
            if (index < seen) {
                return bin.getKey();
            }
        }
        throw new IllegalStateException("Histogram holds fewer answers than counted");
    }

    private List<Score> borda(Question q, Long answered) {
        int n = q.optionList().size();
        List<Score> scores = new ArrayList<>();
        for (Question.Option option : q.optionList()) {
            if (answered == null) {
                scores.add(new Score(option.id(), option.label(), null, true));
                continue;
            }
            long points = 0;
            for (int rank = 1; rank <= n; rank++) {
                points += counts(q.id() + "|" + option.id() + "|" + rank)[0] * (n - rank);
            }
            scores.add(new Score(option.id(), option.label(), points, false));
        }
        if (answered != null) {
            scores.sort(Comparator.comparing(Score::points).reversed());
        }
        return scores;
    }

    private static BigDecimal percent(long count, Long answered) {
        if (answered == null || answered == 0) {
            return null;
        }
        return BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(answered), 1, RoundingMode.HALF_UP);
    }

    private long[] counts(String tally) {
        return tallies.getOrDefault(tally, new long[slices]);
    }
}
