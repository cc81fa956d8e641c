package org.coprogram.survey.results;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.common.territory.Province;
import org.coprogram.survey.survey.Question;
import org.coprogram.survey.survey.Survey;
import org.coprogram.survey.survey.SurveyStatus;

/**
 * A made-up territory and a set of respondents, each of a kind: where they are (a district, only a province, or
 * nowhere), their category and their tallies. Publishes results on every slice the API offers.
 */
final class Respondents {

    /** Bari and Foggia provinces, each with one district, plus people placed in a province only, or nowhere. */
    static final Map<String, List<String>> TERRITORY = Map.of("BA", List.of("BA-BARI"), "FG", List.of("FG-FOGGIA"));
    static final List<Province> PROVINCES = List.of(new Province("BA", "Bari", "puglia"),
            new Province("FG", "Foggia", "puglia"));
    static final List<String> CATEGORIES = List.of("CITIZEN", "THIRD_SECTOR", "TRADE_UNION");
    /** Where a respondent can be: district and province, province only, or nowhere. */
    static final List<String[]> PLACES = List.of(new String[]{"BA-BARI", "BA"}, new String[]{null, "BA"},
            new String[]{"FG-FOGGIA", "FG"}, new String[]{null, "FG"}, new String[]{null, null});

    /** A kind of respondent: all who share it are indistinguishable in every published figure. */
    record Kind(String district, String province, String category, List<String> tallies) {

        boolean in(String node) {
            return node.equals(Lattice.ROOT) || node.equals(Lattice.province(String.valueOf(province)))
                    || node.equals(Lattice.district(String.valueOf(district)))
                    || node.equals(Lattice.category(category));
        }
    }

    static final Disclosure DISCLOSURE = new Disclosure(5);

    final Survey survey = new Survey();
    final Map<Kind, Integer> counts = new LinkedHashMap<>();

    Respondents(List<Question> questions) {
        survey.id = UUID.randomUUID();
        survey.version = 1;
        survey.status = SurveyStatus.PUBLISHED;
        survey.questions = questions;
    }

    Respondents add(int count, String district, String province, String category, String... tallies) {
        List<String> all = new ArrayList<>(List.of("*"));
        all.addAll(List.of(tallies));
        counts.merge(new Kind(district, province, category, all), count, Integer::sum);
        return this;
    }

    static List<String> nodes() {
        List<String> nodes = new ArrayList<>(List.of(Lattice.ROOT));
        TERRITORY.forEach((province, districts) -> {
            nodes.add(Lattice.province(province));
            districts.forEach(d -> nodes.add(Lattice.district(d)));
        });
        CATEGORIES.forEach(c -> nodes.add(Lattice.category(c)));
        return nodes;
    }

    /** What the API would answer for each slice. */
    Map<String, ResultsView> publish() {
        List<Lattice.TallyRow> rows = new ArrayList<>();
        counts.forEach((kind, count) -> withPatterns(kind.tallies()).forEach(t -> rows.add(
                new Lattice.TallyRow(kind.district(), kind.province(), kind.category(), t, count))));
        Map<String, List<String>> territory = new LinkedHashMap<>();
        territory.put("BA", TERRITORY.get("BA"));
        territory.put("FG", TERRITORY.get("FG"));
        Lattice lattice = new Lattice(territory, CATEGORIES, rows);
        ResultUnits units = new ResultUnits(survey.questions, PROVINCES, lattice, DISCLOSURE);
        Publication publication = Publication.decide(lattice, units.all(), DISCLOSURE);
        ResultsBuilder builder = new ResultsBuilder(lattice, units, publication, DISCLOSURE);
        Map<String, ResultsView> views = new LinkedHashMap<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (String node : nodes()) {
            views.put(node, builder.build(survey, new Filters(null, null, null), node, PROVINCES, now));
        }
        return views;
    }

    /** The tallies with, for each multiple-choice question, the set chosen together, as ResultsRepository counts it. */
    private List<String> withPatterns(List<String> tallies) {
        List<String> all = new ArrayList<>(tallies);
        for (Question q : survey.questions) {
            if (q.type() == org.coprogram.survey.survey.QuestionType.MULTIPLE_CHOICE) {
                List<String> chosen = tallies.stream()
                        .filter(t -> t.startsWith(q.id() + "|") && !t.equals(q.id() + "|"))
                        .sorted().toList();
                if (!chosen.isEmpty()) {
                    all.add(q.id() + "|" + ResultUnits.PATTERN + String.join("+", chosen));
                }
            }
        }
        return all;
    }

    static Question question(String id, String type, boolean required, String... options) {
        List<Question.Option> list = new ArrayList<>();
        for (String option : options) {
            list.add(new Question.Option(option, option));
        }
        return new Question(id, org.coprogram.survey.survey.QuestionType.valueOf(type), id, required,
                list.isEmpty() ? null : list, null, null, null, null);
    }

    static Question scale(String id, int min, int max) {
        return new Question(id, org.coprogram.survey.survey.QuestionType.SCALE, id, true, null,
                BigDecimal.valueOf(min), BigDecimal.valueOf(max), null, null);
    }

    static Question shownIf(Question q, String controller, String option) {
        return new Question(q.id(), q.type(), q.label(), q.required(), q.options(), q.min(), q.max(),
                q.maxSelections(), new Question.ShowIf(controller, option));
    }
}
