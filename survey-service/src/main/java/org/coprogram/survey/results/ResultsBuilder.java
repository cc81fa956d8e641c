package org.coprogram.survey.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.coprogram.common.territory.Province;
import org.coprogram.survey.response.AnswerSheet;
import org.coprogram.survey.results.ResultUnits.QuestionUnits;
import org.coprogram.survey.results.ResultsView.Cell;
import org.coprogram.survey.results.ResultsView.QuestionResult;
import org.coprogram.survey.results.ResultsView.Score;
import org.coprogram.survey.results.ResultsView.Stats;
import org.coprogram.survey.survey.Question;
import org.coprogram.survey.survey.QuestionType;
import org.coprogram.survey.survey.Survey;

/**
 * One slice's results, read off the lattice where {@link Publication} shows them. Within a shown unit nothing is
 * suppressed cell by cell: its classes are all safe, and values pooled over the region appear as one "other answers"
 * cell on every slice. Mean and median of a scale are left out when some of its points are pooled: with the pool's
 * count they would say how the pool splits.
 */
final class ResultsBuilder {

    /** The value of the cell that counts the pooled answers together. */
    static final String POOL = "_altre";
    static final String POOL_LABEL = "Altre risposte (raggruppate per riservatezza)";

    private final Lattice lattice;
    private final ResultUnits units;
    private final Publication publication;
    private final Disclosure disclosure;

    ResultsBuilder(Lattice lattice, ResultUnits units, Publication publication, Disclosure disclosure) {
        this.lattice = lattice;
        this.units = units;
        this.publication = publication;
        this.disclosure = disclosure;
    }

    ResultsView build(Survey survey, Filters filters, String node, List<Province> provinces, OffsetDateTime at) {
        boolean suppressed = !publication.shown(units.respondents(), node);
        List<QuestionResult> questions = new ArrayList<>();
        for (Question question : survey.questions) {
            QuestionUnits q = units.question(question.id());
            questions.add(suppressed || !publication.shown(q.unit(), node)
                    ? hidden(question)
                    : question(q, node, provinces));
        }
        return new ResultsView(survey.id, survey.version, survey.status, filters, disclosure.threshold(),
                suppressed ? null : lattice.count(node, AnswerSheet.RESPONSE_TALLY), suppressed, questions, at);
    }

    private static QuestionResult hidden(Question q) {
        return new QuestionResult(q.id(), q.type(), q.label(), null, true, null, null, null);
    }

    private QuestionResult question(QuestionUnits units, String node, List<Province> provinces) {
        Question q = units.question();
        long answered = lattice.count(node, q.id() + "|");
        return switch (q.type()) {
            case SINGLE_CHOICE, SCALE, MUNICIPALITY -> new QuestionResult(q.id(), q.type(), q.label(), answered, false,
                    partitionCells(units, node, answered, provinces),
                    q.type() == QuestionType.SCALE && units.pooled().isEmpty() ? stats(q, node, answered) : null,
                    null);
            case MULTIPLE_CHOICE -> new QuestionResult(q.id(), q.type(), q.label(), answered, false,
                    optionCells(units, node, answered), null, null);
            case NUMBER -> new QuestionResult(q.id(), q.type(), q.label(), answered, false, null,
                    publication.shown(units.statistics(), node)
                            ? stats(q, node, answered)
                            : new Stats(null, null),
                    null);
            case RANKING -> new QuestionResult(q.id(), q.type(), q.label(), answered, false, null, null,
                    borda(units, node));
            case SHORT_TEXT, LONG_TEXT -> new QuestionResult(q.id(), q.type(), q.label(), answered, false, null, null,
                    null);
        };
    }

    private List<Cell> partitionCells(QuestionUnits units, String node, long answered, List<Province> provinces) {
        Question q = units.question();
        List<Cell> cells = new ArrayList<>();
        long pool = 0;
        for (String value : units.values()) {
            long count = lattice.count(node, q.id() + "|" + value);
            if (units.pooled().contains(value)) {
                pool += count;
                cells.add(new Cell(value, label(q, value, provinces), null, null, true));
            } else {
                cells.add(new Cell(value, label(q, value, provinces), count, percent(count, answered), false));
            }
        }
        if (!units.pooled().isEmpty()) {
            cells.add(new Cell(POOL, POOL_LABEL, pool, percent(pool, answered), false));
        }
        return cells;
    }

    /** A multiple choice is shown whole: its unit counts every set of options chosen together. */
    private List<Cell> optionCells(QuestionUnits units, String node, long answered) {
        Question q = units.question();
        List<Cell> cells = new ArrayList<>();
        for (Question.Option option : q.optionList()) {
            long count = lattice.count(node, q.id() + "|" + option.id());
            cells.add(new Cell(option.id(), option.label(), count, percent(count, answered), false));
        }
        return cells;
    }

    private static String label(Question q, String value, List<Province> provinces) {
        return switch (q.type()) {
            case MUNICIPALITY -> provinces.stream().filter(p -> p.code().equals(value)).map(Province::name)
                    .findFirst().orElse(value);
            case SCALE -> value;
            default -> q.option(value).map(Question.Option::label).orElse(value);
        };
    }

    /** Mean and median over the answered values, read from their tallies. */
    private Stats stats(Question q, String node, long answered) {
        if (answered == 0) {
            return new Stats(null, null);
        }
        TreeMap<BigDecimal, Long> histogram = new TreeMap<>();
        for (Map.Entry<String, Long> tally : lattice.tallies(node, q.id() + "|").entrySet()) {
            histogram.merge(new BigDecimal(tally.getKey()), tally.getValue(), Long::sum);
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

    /** Borda count of each option: ranked r-th of n earns n − r points. Shown whole, like its unit. */
    private List<Score> borda(QuestionUnits units, String node) {
        Question q = units.question();
        int n = q.optionList().size();
        List<Score> scores = new ArrayList<>();
        for (Question.Option option : q.optionList()) {
            long points = 0;
            for (int rank = 1; rank <= n; rank++) {
                points += lattice.count(node, q.id() + "|" + option.id() + "|" + rank) * (n - rank);
            }
            scores.add(new Score(option.id(), option.label(), points, false));
        }
        scores.sort(Comparator.comparing(Score::points).reversed());
        return scores;
    }

    private static BigDecimal percent(long count, long answered) {
        if (answered == 0) {
            return null;
        }
        return BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(answered), 1, RoundingMode.HALF_UP);
    }
}
