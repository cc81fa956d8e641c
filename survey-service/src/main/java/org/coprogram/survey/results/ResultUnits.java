package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coprogram.common.territory.Province;
import org.coprogram.survey.response.AnswerSheet;
import org.coprogram.survey.survey.Question;
import org.coprogram.survey.survey.QuestionType;

/**
 * The units of one survey's results, parents first: the respondents, then each question, a number question followed
 * by the unit of its mean and median. A question shown only after a choice nests under the question that counts that
 * choice. Answers of a single choice, scale or municipality question that too few people
 * gave over the whole region are pooled into one "other answers" class, together with the next smallest ones until
 * the pool is safe; the pool is the same on every slice, so the published cells always add up.
 */
final class ResultUnits {

    /**
     * The units of one question: its own, the values pooled together and, for a number, the unit of its statistics
     * (null otherwise).
     */
    record QuestionUnits(Question question, Unit unit, List<String> values, Set<String> pooled, Unit statistics) {
    }

    /**
     * After {@code q|}, marks the tally of the set of options a respondent chose together in a multiple-choice
     * question ({@code q|=q|a+q|b}); {@link ResultsRepository} counts it.
     */
    static final String PATTERN = "=";

    private final List<Unit> all = new ArrayList<>();
    private final Map<String, QuestionUnits> questions = new LinkedHashMap<>();
    private final Unit respondents;

    ResultUnits(List<Question> survey, List<Province> provinces, Lattice lattice, Disclosure disclosure) {
        respondents = add(new Unit("respondents", null,
                List.of(klass("respondents", Map.of(AnswerSheet.RESPONSE_TALLY, 1))), true));
        for (Question q : survey) {
            questions.put(q.id(), question(q, survey, provinces, lattice, disclosure));
        }
    }

    List<Unit> all() {
        return all;
    }

    Unit respondents() {
        return respondents;
    }

    QuestionUnits question(String id) {
        return questions.get(id);
    }

    private QuestionUnits question(Question q, List<Question> survey, List<Province> provinces, Lattice lattice,
            Disclosure disclosure) {
        String answered = q.id() + "|";
        List<Unit.Klass> classes = new ArrayList<>();
        Unit parent = respondents;
        boolean publishable = true;
        if (q.showIf() == null) {
            classes.add(klass("skipped", Map.of(AnswerSheet.RESPONSE_TALLY, 1, answered, -1)));
        } else {
            String shown = q.showIf().question() + "|" + q.showIf().equals();
            classes.add(klass("shown-skipped", Map.of(shown, 1, answered, -1)));
            classes.add(klass("not-shown", Map.of(AnswerSheet.RESPONSE_TALLY, 1, shown, -1)));
            QuestionUnits controller = questions.get(q.showIf().question());
            parent = controller.unit();
            publishable = !controller.pooled().contains(q.showIf().equals());
        }
        List<String> values = values(q, provinces);
        Set<String> pooled = Set.of();
        if (isPartition(q.type())) {
            pooled = pool(q, values, lattice, disclosure, survey);
            for (String value : values) {
                if (!pooled.contains(value)) {
                    classes.add(klass(value, Map.of(answered + value, 1)));
                }
            }
            if (!pooled.isEmpty()) {
                Map<String, Integer> terms = new LinkedHashMap<>();
                pooled.forEach(value -> terms.put(answered + value, 1));
                classes.add(klass("pooled", terms));
            }
        } else if (q.type() == QuestionType.MULTIPLE_CHOICE) {
            // One class per set of options chosen together: the option counts and the answered count would otherwise
            // give how many chose several (two options: chosen a + chosen b − answered = chose both).
            lattice.tallies(Lattice.ROOT, answered + PATTERN).keySet().forEach(pattern -> classes
                    .add(klass("set " + pattern, Map.of(answered + PATTERN + pattern, 1))));
        } else if (q.type() == QuestionType.RANKING) {
            // Every option's count at every rank: the Borda scores add up to a known total, so one hidden score
            // would follow from the others; the ranking is shown whole or not at all.
            for (String option : values) {
                for (int rank = 1; rank <= values.size(); rank++) {
                    classes.add(klass(option + " " + rank, Map.of(answered + option + "|" + rank, 1)));
                }
            }
        } else {
            classes.add(klass("answered", Map.of(answered, 1)));
        }
        Unit unit = add(new Unit(q.id(), parent, classes, publishable, q.type() == QuestionType.MUNICIPALITY));
        Unit statistics = null;
        if (q.type() == QuestionType.NUMBER) {
            // Mean and median: with the answered count they give the sum of the values, one equation over how many
            // gave each value. Shown only where each value's count is itself safe, whatever the values are.
            List<Unit.Klass> numbers = new ArrayList<>();
            lattice.tallies(Lattice.ROOT, answered).keySet()
                    .forEach(value -> numbers.add(klass(value, Map.of(answered + value, 1))));
            statistics = add(new Unit(q.id() + "/statistiche", unit, numbers, true));
        }
        return new QuestionUnits(q, unit, values, pooled, statistics);
    }

    static boolean isPartition(QuestionType type) {
        return type == QuestionType.SINGLE_CHOICE || type == QuestionType.SCALE || type == QuestionType.MUNICIPALITY;
    }

    /** The values a question's cells are counted by: options, scale points or provinces. */
    static List<String> values(Question q, List<Province> provinces) {
        return switch (q.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE, RANKING -> q.optionList().stream().map(Question.Option::id).toList();
            case SCALE -> {
                List<String> points = new ArrayList<>();
                for (int p = q.min().intValue(); p <= q.max().intValue(); p++) {
                    points.add(Integer.toString(p));
                }
                yield points;
            }
            case MUNICIPALITY -> provinces.stream().map(Province::code).toList();
            case NUMBER, SHORT_TEXT, LONG_TEXT -> List.of();
        };
    }

    /**
     * When some value was given by a few people over the region: every value given by fewer than k, then the smallest
     * others until the pool counts at least k. A value that shows another question is never added to make up the pool: that question's answered
     * count would give it away, and the pool with it.
     */
    private static Set<String> pool(Question q, List<String> values, Lattice lattice, Disclosure disclosure,
            List<Question> survey) {
        Set<String> pooled = new LinkedHashSet<>();
        if (values.stream().allMatch(v -> disclosure.safe(lattice.count(Lattice.ROOT, q.id() + "|" + v)))) {
            return pooled;
        }
        // Values nobody gave go in the pool too: shown as 0 beside pooled ones, they would tell which values a few
        // people gave.
        long total = 0;
        for (String value : values) {
            long count = lattice.count(Lattice.ROOT, q.id() + "|" + value);
            if (count < disclosure.threshold()) {
                pooled.add(value);
                total += count;
            }
        }
        Set<String> controlling = new LinkedHashSet<>();
        survey.forEach(other -> {
            if (other.showIf() != null && other.showIf().question().equals(q.id())) {
                controlling.add(other.showIf().equals());
            }
        });
        List<String> candidates = values.stream()
                .filter(v -> !pooled.contains(v) && !controlling.contains(v))
                .filter(v -> lattice.count(Lattice.ROOT, q.id() + "|" + v) > 0)
                .sorted(Comparator.comparingLong((String v) -> lattice.count(Lattice.ROOT, q.id() + "|" + v))
                        .thenComparing(values::indexOf))
                .toList();
        for (String candidate : candidates) {
            if (disclosure.safe(total)) {
                break;
            }
            pooled.add(candidate);
            total += lattice.count(Lattice.ROOT, q.id() + "|" + candidate);
        }
        return pooled;
    }

    private Unit add(Unit unit) {
        all.add(unit);
        return unit;
    }

    private static Unit.Klass klass(String name, Map<String, Integer> terms) {
        return new Unit.Klass(name, terms);
    }
}
