package org.coprogram.survey.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coprogram.survey.results.Respondents.question;
import static org.coprogram.survey.results.Respondents.scale;
import static org.coprogram.survey.results.Respondents.shownIf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToLongFunction;

import org.coprogram.survey.results.Respondents.Kind;
import org.coprogram.survey.survey.Question;
import org.junit.jupiter.api.Test;

/**
 * The attacker of docs/privacy.md with a solver: it reads every figure of every slice the API offers, turns each
 * into a linear equation over the counts of every kind of respondent that could exist (not only those that do), and
 * looks for any set of kinds whose count follows from the equations and is between 1 and 4: single kinds, every pair
 * of kinds, and every set described by places, categories and one answer given or not given. None may be found,
 * whatever the answers were.
 */
class DisclosureAttackTest {

    /** Which service, the detail of home care (asked only of those who chose it), a vote. */
    static final List<Question> CHOICES = List.of(
            question("servizio", "SINGLE_CHOICE", true, "sad", "cd", "nessuno"),
            shownIf(question("dettaglio", "SINGLE_CHOICE", false, "ore", "giorni"), "servizio", "sad"),
            scale("voto", 1, 3));
    /** Channels (several may be chosen), a ranking of three priorities, an age among two. */
    static final List<Question> OPTIONS = List.of(
            question("canali", "MULTIPLE_CHOICE", true, "web", "sportello"),
            question("priorita", "RANKING", true, "a", "b", "c"),
            question("eta", "NUMBER", true));

    @Test
    void theKnownAttacksOnChoicesFindNothing() {
        Respondents r = new Respondents(CHOICES);
        // Province minus district: Bari's 10 against 2 more placed only in the province of Bari.
        for (int i = 0; i < 10; i++) {
            r.add(1, "BA-BARI", "BA", "CITIZEN", choices("sad", i % 2 == 0 ? "ore" : null, 1 + i % 3));
        }
        r.add(2, null, "BA", "CITIZEN", choices("cd", null, 2));
        // Total minus categories: 6 Third Sector bodies and 2 unions.
        r.add(6, "FG-FOGGIA", "FG", "THIRD_SECTOR", choices("cd", null, 3));
        r.add(2, "FG-FOGGIA", "FG", "TRADE_UNION", choices("nessuno", null, 1));
        // A victim alone in the category nobody else is in, with a vote the mean could give away.
        r.add(1, null, null, "TRADE_UNION", choices("sad", "giorni", 3));
        assertNoDerivableSmallCount(r, kinds(CHOICES));
    }

    @Test
    void theKnownAttacksOnOptionsRankingsAndMeansFindNothing() {
        Respondents r = new Respondents(OPTIONS);
        for (int i = 0; i < 9; i++) {
            r.add(1, "BA-BARI", "BA", "CITIZEN", options(i < 6 ? "web" : "both", i % 3 == 0 ? "abc" : "bac", 30));
        }
        r.add(6, "FG-FOGGIA", "FG", "THIRD_SECTOR", options("sportello", "cab", 60));
        r.add(1, "FG-FOGGIA", "FG", "CITIZEN", options("web", "acb", 60));
        assertNoDerivableSmallCount(r, kinds(OPTIONS));
    }

    @Test
    void randomConsultationsGiveTheAttackerNoSmallCount() {
        Random random = new Random(20261206);
        List<Kind> choiceKinds = kinds(CHOICES);
        List<Kind> optionKinds = kinds(OPTIONS);
        for (int round = 0; round < 12; round++) {
            boolean choices = round % 2 == 0;
            List<Kind> kinds = choices ? choiceKinds : optionKinds;
            Respondents r = new Respondents(choices ? CHOICES : OPTIONS);
            int present = 4 + random.nextInt(20);
            for (int i = 0; i < present; i++) {
                Kind kind = kinds.get(random.nextInt(kinds.size()));
                r.add(1 + random.nextInt(random.nextBoolean() ? 4 : 12), kind.district(), kind.province(),
                        kind.category(), kind.tallies().subList(1, kind.tallies().size()).toArray(String[]::new));
            }
            assertNoDerivableSmallCount(r, kinds);
        }
    }

    /** Every kind of respondent the definition allows, in every place and category. */
    static List<Kind> kinds(List<Question> survey) {
        List<List<String>> patterns = new ArrayList<>();
        if (survey == CHOICES) {
            for (String servizio : List.of("sad", "cd", "nessuno")) {
                List<String> details = servizio.equals("sad")
                        ? java.util.Arrays.asList("ore", "giorni", null)
                        : java.util.Collections.singletonList(null);
                for (String detail : details) {
                    for (int voto = 1; voto <= 3; voto++) {
                        patterns.add(List.of(choices(servizio, detail, voto)));
                    }
                }
            }
        } else {
            for (String channels : List.of("web", "sportello", "both")) {
                for (String ranking : List.of("abc", "acb", "bac", "bca", "cab", "cba")) {
                    for (int age : new int[]{30, 60}) {
                        patterns.add(List.of(options(channels, ranking, age)));
                    }
                }
            }
        }
        List<Kind> kinds = new ArrayList<>();
        for (String[] place : Respondents.PLACES) {
            for (String category : Respondents.CATEGORIES) {
                for (List<String> pattern : patterns) {
                    List<String> tallies = new ArrayList<>(List.of("*"));
                    tallies.addAll(pattern);
                    kinds.add(new Kind(place[0], place[1], category, tallies));
                }
            }
        }
        return kinds;
    }

    static String[] choices(String servizio, String detail, int voto) {
        List<String> t = new ArrayList<>(List.of("servizio|", "servizio|" + servizio));
        if (detail != null) {
            t.addAll(List.of("dettaglio|", "dettaglio|" + detail));
        }
        t.addAll(List.of("voto|", "voto|" + voto));
        return t.toArray(String[]::new);
    }

    static String[] options(String channels, String ranking, int age) {
        List<String> t = new ArrayList<>(List.of("canali|"));
        if (!channels.equals("sportello")) {
            t.add("canali|web");
        }
        if (!channels.equals("web")) {
            t.add("canali|sportello");
        }
        t.add("priorita|");
        for (int rank = 1; rank <= 3; rank++) {
            t.add("priorita|" + ranking.charAt(rank - 1) + "|" + rank);
        }
        t.addAll(List.of("eta|", "eta|" + age));
        return t.toArray(String[]::new);
    }

    static void assertNoDerivableSmallCount(Respondents respondents, List<Kind> kinds) {
        LinearAttacker attacker = new LinearAttacker(kinds.size());
        for (Map.Entry<String, ResultsView> slice : respondents.publish().entrySet()) {
            learn(attacker, kinds, slice.getKey(), slice.getValue());
        }
        long[] truth = kinds.stream().mapToLong(k -> respondents.counts.getOrDefault(k, 0)).toArray();
        List<String> leaks = new ArrayList<>();
        for (boolean[] set : candidates(kinds)) {
            long count = 0;
            for (int i = 0; i < set.length; i++) {
                count += set[i] ? truth[i] : 0;
            }
            if (count > 0 && count < Respondents.DISCLOSURE.threshold() && attacker.derives(set)) {
                leaks.add(describe(set, kinds) + " = " + count);
            }
        }
        assertThat(attacker.figures()).isPositive();
        assertThat(leaks).as("counts under 5 the published figures give away").isEmpty();
    }

    private static void learn(LinearAttacker attacker, List<Kind> kinds, String node, ResultsView view) {
        if (!view.suppressed()) {
            figure(attacker, kinds, node, k -> 1);
        }
        for (ResultsView.QuestionResult q : view.questions()) {
            if (q.answered() != null) {
                figure(attacker, kinds, node, k -> has(k, q.id() + "|"));
            }
            if (q.cells() != null) {
                List<String> pooled = q.cells().stream().filter(ResultsView.Cell::suppressed)
                        .map(ResultsView.Cell::value).toList();
                for (ResultsView.Cell cell : q.cells()) {
                    if (cell.suppressed()) {
                        continue;
                    }
                    if (cell.value().equals(ResultsBuilder.POOL)) {
                        figure(attacker, kinds, node, k -> pooled.stream().mapToLong(v -> has(k, q.id() + "|" + v))
                                .sum());
                    } else {
                        figure(attacker, kinds, node, k -> has(k, q.id() + "|" + cell.value()));
                    }
                }
            }
            if (q.stats() != null && q.stats().mean() != null) {
                // mean × answered is the sum of the values: the attacker gets it as an exact equation.
                figure(attacker, kinds, node, k -> k.tallies().stream()
                        .filter(t -> t.startsWith(q.id() + "|") && t.length() > q.id().length() + 1)
                        .mapToLong(t -> Long.parseLong(t.substring(q.id().length() + 1))).sum());
            }
            if (q.borda() != null) {
                int n = q.borda().size();
                for (ResultsView.Score score : q.borda()) {
                    if (!score.suppressed()) {
                        figure(attacker, kinds, node, k -> {
                            long points = 0;
                            for (int rank = 1; rank <= n; rank++) {
                                points += has(k, q.id() + "|" + score.option() + "|" + rank) * (n - rank);
                            }
                            return points;
                        });
                    }
                }
            }
        }
    }

    private static void figure(LinearAttacker attacker, List<Kind> kinds, String node, ToLongFunction<Kind> weight) {
        long[] row = new long[kinds.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = kinds.get(i).in(node) ? weight.applyAsLong(kinds.get(i)) : 0;
        }
        attacker.learn(row);
    }

    private static long has(Kind kind, String tally) {
        return kind.tallies().contains(tally) ? 1 : 0;
    }

    /** Single kinds, pairs of kinds, and places × categories × one answer given, not given, or any. */
    private static List<boolean[]> candidates(List<Kind> kinds) {
        List<boolean[]> sets = new ArrayList<>();
        int n = kinds.size();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                boolean[] set = new boolean[n];
                set[i] = true;
                set[j] = true;
                sets.add(set);
            }
        }
        Set<String> tallies = new LinkedHashSet<>();
        kinds.forEach(k -> tallies.addAll(k.tallies()));
        List<String> predicates = new ArrayList<>();
        tallies.forEach(t -> {
            predicates.add("+" + t);
            predicates.add("-" + t);
        });
        int places = Respondents.PLACES.size();
        int categories = Respondents.CATEGORIES.size();
        for (int placeMask = 1; placeMask < 1 << places; placeMask++) {
            for (int categoryMask = 1; categoryMask < 1 << categories; categoryMask++) {
                for (String predicate : predicates) {
                    boolean[] set = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        Kind k = kinds.get(i);
                        boolean given = k.tallies().contains(predicate.substring(1));
                        set[i] = (placeMask >> place(k) & 1) == 1
                                && (categoryMask >> Respondents.CATEGORIES.indexOf(k.category()) & 1) == 1
                                && given == predicate.startsWith("+");
                    }
                    sets.add(set);
                }
            }
        }
        return sets;
    }

    private static int place(Kind kind) {
        for (int i = 0; i < Respondents.PLACES.size(); i++) {
            String[] place = Respondents.PLACES.get(i);
            if (java.util.Objects.equals(place[0], kind.district())
                    && java.util.Objects.equals(place[1], kind.province())) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown place");
    }

    private static String describe(boolean[] set, List<Kind> kinds) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
            if (set[i]) {
                Kind k = kinds.get(i);
                members.add(k.district() + "/" + k.province() + "/" + k.category() + k.tallies());
            }
        }
        return members.size() > 3 ? members.size() + " kinds incl. " + members.subList(0, 3) : members.toString();
    }
}
