package org.coprogram.survey.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coprogram.survey.results.Respondents.question;
import static org.coprogram.survey.results.Respondents.scale;
import static org.coprogram.survey.results.Respondents.shownIf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
        Attack attack = new Attack(kinds, Respondents.PLACES, Respondents.CATEGORIES);
        respondents.publish().forEach(attack::learn);
        assertThat(attack.figures()).isPositive();
        assertThat(attack.smallCounts(respondents.counts, Respondents.DISCLOSURE.threshold()))
                .as("counts under 5 the published figures give away").isEmpty();
    }
}
