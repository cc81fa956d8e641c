package org.coprogram.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every operation of the aggregated OpenAPI, called through the gateway by every kind of caller, on resources of the
 * Puglia plan: anonymous, a partner system, a citizen, an organisation's representative, a district operator of
 * another district and of the resource's own, a moderator, region staff of another region and of Puglia. Each
 * answer must be the one the table below expects; an operation missing from the table fails the test, so a new
 * endpoint cannot ship without deciding who may call it.
 *
 * <p>
 * Expectations, one character per caller in {@link Caller} order: {@code 2} a 2xx answer, {@code 1} 401, {@code 3}
 * 403, {@code o} allowed (any answer but 401 and 403: a validation 400, a 404 for something not there, a 409 for a
 * state that refuses it). A 5xx never matches. Writes that would change the fixtures for later rows run last.
 */
class AuthorizationMatrixE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Caller {
        ANONYMOUS(null), PARTNER(null), CITIZEN("cittadino"), ORGANIZATION_REP("ets"), DISTRICT_OTHER(
                "ambito-foggia"), DISTRICT_OWN(
                        "ambito"), MODERATOR("moderatore"), REGION_OTHER("regione-abruzzo"), REGION_OWN("regione");

        final String user;

        Caller(String user) {
            this.user = user;
        }
    }

    /** Streaming endpoints are not walked here: their refusals are asserted by PartnerEventStreamE2ETest. */
    private static final Set<String> NOT_WALKED = Set.of("GET /api/partner/events");

    private static final String PUBLIC = "222222222";
    private static final String PEOPLE = "13ooooooo";
    private static final String AUTHOR = "13o333333";
    private static final String REGION_STAFF = "13333333o";
    private static final String MODERATOR = "133333o33";
    private static final String DISTRICT = "13333o333";
    private static final String ORGANISER = "13333o33o";

    private static final String SOCIAL_REPORT = """
            {"resultsAchieved":[],"effectivePractices":[],"criticalIssues":[],"unmetNeeds":[],"attachments":[]}""";

    /** In run order. */
    private static final List<Row> ROWS = List.of(
            // reads
            new Row("GET", "/api/plans", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}", null, PUBLIC),
            new Row("GET", "/api/territories/{region}", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/proposals", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/proposals/facets", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/proposals/similar", null, PUBLIC),
            new Row("GET", "/api/proposals/{id}", null, PUBLIC),
            new Row("GET", "/api/proposals/{id}/audit", null, "13333333" + "2"),
            new Row("GET", "/api/plans/{planId}/moderation-queue", null, "133333" + "2" + "33"),
            new Row("GET", "/api/plans/{planId}/surveys", null, PUBLIC),
            new Row("GET", "/api/surveys/{id}", null, PUBLIC),
            new Row("GET", "/api/surveys/{id}/results", null, PUBLIC),
            new Row("GET", "/api/surveys/{id}/results.csv", null, PUBLIC),
            new Row("GET", "/api/surveys/{id}/responses.csv", null, "13333333" + "2"),
            new Row("GET", "/api/plans/{planId}/meetings", null, PUBLIC),
            new Row("GET", "/api/meetings/{id}", null, PUBLIC),
            new Row("GET", "/api/meetings/{id}/calendar.ics", null, PUBLIC),
            // Unpublished minutes are the organiser's draft.
            new Row("GET", "/api/meetings/{id}/minutes", null, ORGANISER),
            new Row("GET", "/api/meetings/{id}/registrations/me", null, PEOPLE),
            new Row("GET", "/api/meetings/{id}/attendance", null, "13333" + "2" + "33" + "2"),
            new Row("GET", "/api/plans/{planId}/synthesis", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/synthesis/clusters", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/synthesis/report", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/indicators", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/indicators/{indicatorId}", null, PUBLIC),
            new Row("GET", "/api/plans/{planId}/social-reports/coverage", null, "13333333" + "2"),
            new Row("GET", "/api/plans/{planId}/social-reports/{districtCode}", null, "13333o33o"),
            // writes that leave the fixtures usable
            new Row("POST", "/api/plans", Consultation.PLAN, REGION_STAFF),
            new Row("POST", "/api/plans/{planId}/phase", "{\"phase\":\"CONSULTATION\"}", REGION_STAFF),
            new Row("POST", "/api/plans/{planId}/adoption",
                    "{\"resolutionNumber\":\"DGR 1/2026\",\"resolutionDate\":\"2026-01-10\"}", REGION_STAFF),
            new Row("POST", "/api/plans/{planId}/synthesis/rebuild", null, REGION_STAFF),
            new Row("PUT", "/api/plans/{planId}/social-reports/{districtCode}", SOCIAL_REPORT, DISTRICT),
            new Row("POST", "/api/plans/{planId}/social-reports/{districtCode}/submit", null, DISTRICT),
            new Row("POST", "/api/plans/{planId}/social-reports/{districtCode}/reopen", null, REGION_STAFF),
            new Row("POST", "/api/plans/{planId}/social-reports/publish", null, REGION_STAFF),
            new Row("POST", "/api/plans/{planId}/indicators", """
                    {"name":"Prese in carico","unit":"persone","baseline":10,"target":20,"direction":"INCREASE"}""",
                    REGION_STAFF),
            new Row("PUT", "/api/plans/{planId}/indicators/{indicatorId}/values/{districtCode}/{period}",
                    "{\"value\":12}", ORGANISER),
            new Row("POST", "/api/plans/{planId}/proposals", Consultation.PROPOSAL, PEOPLE),
            new Row("PUT", "/api/proposals/{id}", Consultation.PROPOSAL, AUTHOR),
            new Row("POST", "/api/proposals/{id}/supports", null, PEOPLE),
            new Row("DELETE", "/api/proposals/{id}/supports", null, PEOPLE),
            new Row("POST", "/api/proposals/{id}/flags", "{\"reason\":\"OTHER\"}", PEOPLE),
            new Row("POST", "/api/proposals/{id}/moderation", "{}", MODERATOR),
            new Row("POST", "/api/proposals/{id}/answer",
                    "{\"status\":\"NOT_ACCEPTED\",\"text\":\"Motivazione della prova dei permessi.\"}", REGION_STAFF),
            new Row("POST", "/api/plans/{planId}/surveys", Consultation.SURVEY, REGION_STAFF),
            new Row("PUT", "/api/surveys/{id}", Consultation.SURVEY, REGION_STAFF),
            new Row("POST", "/api/surveys/{id}/publish", null, REGION_STAFF),
            new Row("POST", "/api/surveys/{id}/responses", "{\"answers\":{\"q\":\"a\"}}", PEOPLE),
            new Row("POST", "/api/plans/{planId}/meetings", Consultation.MEETING, ORGANISER),
            new Row("PUT", "/api/meetings/{id}", Consultation.MEETING, ORGANISER),
            new Row("POST", "/api/meetings/{id}/registrations", null, PEOPLE),
            new Row("DELETE", "/api/meetings/{id}/registrations/me", null, PEOPLE),
            new Row("POST", "/api/meetings/{id}/check-ins", "{\"code\":\"NESSUNO\"}", ORGANISER),
            new Row("PUT", "/api/meetings/{id}/minutes",
                    "{\"summary\":\"Sintesi dell'incontro.\",\"attendance\":3,\"contributions\":[]}", ORGANISER),
            new Row("POST", "/api/meetings/{id}/minutes/publish", null, ORGANISER),
            // writes that end something: last
            new Row("POST", "/api/surveys/{id}/close", null, REGION_STAFF),
            new Row("POST", "/api/meetings/{id}/cancel", null, ORGANISER),
            new Row("POST", "/api/proposals/{id}/withdrawal", null, AUTHOR));

    record Row(String method, String template, String body, String expected) {
        String operation() {
            return method + " " + template;
        }
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays() throws Exception {
        assertThat(ROWS).allSatisfy(row -> assertThat(row.expected()).hasSize(Caller.values().length));
        Map<Caller, String> tokens = tokens();
        Consultation fixture = Consultation.create(tokens.get(Caller.REGION_OWN), tokens.get(Caller.CITIZEN),
                tokens.get(Caller.DISTRICT_OWN), 30);

        List<String> mismatches = new ArrayList<>();
        int requests = 0;
        for (Row row : ROWS) {
            for (Caller caller : Caller.values()) {
                char expected = row.expected().charAt(caller.ordinal());
                HttpResponse<String> answer = Consultation.send(row.method(), fixture.path(row.template()), row.body(),
                        tokens.get(caller));
                requests++;
                if (!matches(expected, answer.statusCode())) {
                    mismatches.add(row.operation() + " as " + caller + ": expected " + describe(expected) + ", got "
                            + answer.statusCode() + " " + abbreviate(answer.body()));
                }
            }
        }
        assertThat(requests).isEqualTo(ROWS.size() * Caller.values().length);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theTableCoversEveryOperationOfTheAggregatedOpenApiAndNothingElse() throws Exception {
        JsonNode document = JSON.readTree(Consultation.send("GET", "/openapi.json", null, null).body());
        assertThat(document.path("x-unavailable-services").size()).as("services missing from /openapi.json")
                .isZero();
        Set<String> published = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(
                    method -> published.add(method.toUpperCase() + " " + path.getKey()));
        }
        Set<String> inTable = new LinkedHashSet<>();
        ROWS.forEach(row -> inTable.add(row.operation()));
        Set<String> decided = new LinkedHashSet<>(inTable);
        decided.addAll(NOT_WALKED);

        assertThat(published).as("operations without an entry in the authorization table").isSubsetOf(decided);
        assertThat(inTable).as("entries for operations that no longer exist").isSubsetOf(published);
    }

    private static boolean matches(char expected, int status) {
        if (status >= 500) {
            return false;
        }
        return switch (expected) {
            case '2' -> status >= 200 && status < 300;
            case '1' -> status == 401;
            case '3' -> status == 403;
            case 'o' -> status != 401 && status != 403;
            default -> throw new IllegalArgumentException("unknown expectation " + expected);
        };
    }

    private static String describe(char expected) {
        return switch (expected) {
            case '2' -> "2xx";
            case '1' -> "401";
            case '3' -> "403";
            default -> "allowed";
        };
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private static Map<Caller, String> tokens() {
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            if (caller.user != null) {
                tokens.put(caller, Tokens.of(caller.user));
            }
        }
        tokens.put(Caller.PARTNER, Tokens.ofClient("partner-demo", "partner-demo-secret"));
        return tokens;
    }
}
