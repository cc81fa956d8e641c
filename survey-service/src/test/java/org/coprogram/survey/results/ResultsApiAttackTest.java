package org.coprogram.survey.results;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.territory.District;
import org.coprogram.common.territory.Province;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.survey.Surveys;
import org.coprogram.survey.results.Respondents.Kind;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The attacker of docs/privacy.md against the running service: 24 people answer (among them a victim, the only union
 * member placed nowhere), then every slice the API offers is read — the region, each province, each district, each
 * category — and every figure becomes an equation over every kind of respondent that could exist in Puglia. No set of
 * respondents whose count follows from them counts between 1 and 4.
 */
@Tag("service")
@QuarkusTest
class ResultsApiAttackTest {

    static final String SURVEY = """
            {"title":"Questionario sotto attacco","description":"","anonymous":false,"questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio","required":true,
               "options":[{"id":"sad","label":"Domiciliare"},{"id":"cd","label":"Centro diurno"},
                          {"id":"nessuno","label":"Nessuno"}]},
              {"id":"dettaglio","type":"SINGLE_CHOICE","label":"Dettaglio","showIf":{"question":"servizio","equals":"sad"},
               "options":[{"id":"ore","label":"Ore"},{"id":"giorni","label":"Giorni"}]},
              {"id":"voto","type":"SCALE","label":"Voto","required":true,"min":1,"max":2}]}""";
    static final String ADELFIA = "072002";
    static final String VIESTE = "071060";

    @Inject
    DataSource database;

    @Inject
    TerritoryCatalog territory;

    @Inject
    ObjectMapper json;

    @Test
    void everySliceTheApiOffersGivesTheAttackerNoCountUnderFive() throws Exception {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        String surveyId = Surveys.published(planId, SURVEY);
        List<String> citizens = TestUsers.tokens("attack-citizen", 15);
        List<String> bodies = TestUsers.tokens("attack-ets", 6, "THIRD_SECTOR");
        List<String> unions = TestUsers.tokens("attack-union", 3, "TRADE_UNION");
        Map<Kind, Integer> truth = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            answer(truth, citizens.get(i), surveyId, "CITIZEN", Surveys.BARI, i < 5 ? "sad" : "cd",
                    i < 5 ? "ore" : null,
                    i < 5 ? 1 : 2);
        }
        // Province less district: 2 more in the province of Bari, outside any district.
        answer(truth, citizens.get(10), surveyId, "CITIZEN", ADELFIA, "cd", null, 1);
        answer(truth, citizens.get(11), surveyId, "CITIZEN", ADELFIA, "cd", null, 1);
        for (int i = 12; i < 15; i++) {
            answer(truth, citizens.get(i), surveyId, "CITIZEN", null, "sad", "ore", 2);
        }
        for (String body : bodies) {
            answer(truth, body, surveyId, "THIRD_SECTOR", Surveys.FOGGIA, "cd", null, 2);
        }
        answer(truth, unions.get(0), surveyId, "TRADE_UNION", VIESTE, "nessuno", null, 1);
        answer(truth, unions.get(1), surveyId, "TRADE_UNION", VIESTE, "nessuno", null, 1);
        // The victim: the only union member placed nowhere, the only one to have asked for home care by days.
        answer(truth, unions.get(2), surveyId, "TRADE_UNION", null, "sad", "giorni", 2);

        List<String[]> places = places(truth);
        List<String> categories = List.of("DISTRICT", "PROVINCE", "MUNICIPALITY", "TRADE_UNION",
                "EMPLOYER_ORGANIZATION", "THIRD_SECTOR", "PROFESSIONAL_ORDER", "OTHER_PUBLIC_BODY",
                "REGIONAL_GUARANTOR", "CITIZEN");
        Attack attack = new Attack(kinds(places, categories), places, categories);
        attack.learn(Lattice.ROOT, results(surveyId, ""));
        for (Province province : territory.provinces("puglia")) {
            attack.learn(Lattice.province(province.code()), results(surveyId, "?province=" + province.code()));
        }
        for (String[] place : places) {
            if (place[0] != null) {
                attack.learn(Lattice.district(place[0]), results(surveyId, "?district=" + place[0]));
            }
        }
        for (String category : categories) {
            attack.learn(Lattice.category(category), results(surveyId, "?category=" + category));
        }
        ResultsView whole = results(surveyId, "");
        assertThat(whole.respondents()).isEqualTo(24);
        assertThat(attack.smallCounts(truth, 5)).as("counts under 5 the published figures give away").isEmpty();
    }

    private ResultsView results(String surveyId, String query) throws Exception {
        String body = given().get("/api/surveys/" + surveyId + "/results" + query).then().statusCode(200).extract()
                .asString();
        return json.readValue(body, ResultsView.class);
    }

    private static void answer(Map<Kind, Integer> truth, String token, String surveyId, String category,
            String municipality, String servizio, String detail, int voto) {
        String body = "{\"answers\":{\"servizio\":\"" + servizio + "\""
                + (detail == null ? "" : ",\"dettaglio\":\"" + detail + "\"") + ",\"voto\":" + voto + "}"
                + (municipality == null ? "" : ",\"municipality\":\"" + municipality + "\"") + "}";
        Surveys.respond(token, surveyId, body, null).statusCode(201);
        String[] place = place(municipality);
        truth.merge(new Kind(place[0], place[1], category, tallies(servizio, detail, voto)), 1, Integer::sum);
    }

    private static String[] place(String municipality) {
        if (municipality == null) {
            return new String[]{null, null};
        }
        return switch (municipality) {
            case Surveys.BARI -> new String[]{"BA-BARI", "BA"};
            case Surveys.FOGGIA -> new String[]{"FG-FOGGIA", "FG"};
            case ADELFIA -> new String[]{null, "BA"};
            case VIESTE -> new String[]{null, "FG"};
            default -> throw new IllegalArgumentException(municipality);
        };
    }

    /**
     * The districts of Puglia someone answered from, with their province; each province with no district; nowhere.
     * The attacker is told that every other district is empty: it knows more than the API says (a district with nobody
     * may be published as suppressed), so a count it cannot find, the real one cannot either; and with the shipped
     * composition's 39 districts the search over every pair of kinds would not end.
     */
    private List<String[]> places(Map<Kind, Integer> truth) {
        Set<String> answered = truth.keySet().stream().map(Kind::district).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<String[]> places = new ArrayList<>();
        for (District district : territory.districts("puglia")) {
            if (!answered.contains(district.code())) {
                continue;
            }
            String province = territory.municipality(district.municipalities().get(0)).orElseThrow().provinceCode();
            places.add(new String[]{district.code(), province});
        }
        territory.provinces("puglia").forEach(p -> places.add(new String[]{null, p.code()}));
        places.add(new String[]{null, null});
        return places;
    }

    private static List<Kind> kinds(List<String[]> places, List<String> categories) {
        List<List<String>> patterns = new ArrayList<>();
        for (String servizio : List.of("sad", "cd", "nessuno")) {
            List<String> details = servizio.equals("sad")
                    ? java.util.Arrays.asList("ore", "giorni", null)
                    : java.util.Collections.singletonList(null);
            for (String detail : details) {
                for (int voto = 1; voto <= 2; voto++) {
                    patterns.add(tallies(servizio, detail, voto));
                }
            }
        }
        List<Kind> kinds = new ArrayList<>();
        for (String[] place : places) {
            for (String category : categories) {
                patterns.forEach(p -> kinds.add(new Kind(place[0], place[1], category, p)));
            }
        }
        return kinds;
    }

    private static List<String> tallies(String servizio, String detail, int voto) {
        List<String> t = new ArrayList<>(List.of("*", "servizio|", "servizio|" + servizio));
        if (detail != null) {
            t.addAll(List.of("dettaglio|", "dettaglio|" + detail));
        }
        t.addAll(List.of("voto|", "voto|" + voto));
        return t;
    }
}
