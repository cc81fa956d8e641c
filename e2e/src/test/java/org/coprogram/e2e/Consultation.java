package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fresh Puglia plan in consultation, created through the gateway as its people would: a proposal by a citizen, a
 * published survey (one required single-choice question {@code q}), a meeting of district BA-BARI and an indicator.
 */
record Consultation(String planId, String proposalId, String surveyId, String meetingId, String indicatorId) {

    static final String GATEWAY = Platform.GATEWAY;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String PROPOSAL = """
            {"kind":"PROPOSAL","title":"Trasporto sociale per le visite mediche","theme":"anziani","municipality":"072006",
             "body":"Un servizio di trasporto sociale per accompagnare gli anziani soli alle visite mediche."}""";
    static final String MEETING = meeting(30);
    static final String SURVEY = """
            {"title":"Questionario di prova","description":"Prova end-to-end.","anonymous":false,
             "questions":[{"id":"q","type":"SINGLE_CHOICE","label":"Domanda","required":true,
             "options":[{"id":"a","label":"A"},{"id":"b","label":"B"}]}]}""";
    static final String PLAN = """
            {"region":"puglia","title":"Piano di prova end-to-end","periodStart":"2026-01-01",
             "periodEnd":"2028-12-31","themes":[{"code":"anziani","label":"Anziani"}],"leps":[]}""";

    static String meeting(int capacity) {
        return """
                {"type":"TERRITORIAL","title":"Tavolo dell'ambito di Bari","description":"Incontro sul piano.",
                 "themes":["anziani"],"municipality":"072006","address":"Via Sparano 1",
                 "startsAt":"2027-04-01T17:00:00+02:00","endsAt":"2027-04-01T19:00:00+02:00","capacity":%d}"""
                .formatted(capacity);
    }

    /**
     * Tokens of region staff of Puglia, of the proposal's author and of BA-BARI's district operator; the plan is
     * opened as {@link ConsultationFlowE2ETest#openPlan()} opens it.
     */
    static Consultation create(String regionStaff, String author, String districtOperator, int meetingCapacity)
            throws Exception {
        String planId = ConsultationFlowE2ETest.openPlan();
        String proposalId = createdOnceInConsultation(
                () -> send("POST", "/api/plans/" + planId + "/proposals", PROPOSAL, author));
        String surveyId = createdOnceInConsultation(
                () -> send("POST", "/api/plans/" + planId + "/surveys", SURVEY, regionStaff));
        expect(send("POST", "/api/surveys/" + surveyId + "/publish", null, regionStaff), 200);
        String meetingId = createdOnceInConsultation(() -> send("POST", "/api/plans/" + planId + "/meetings",
                meeting(meetingCapacity), districtOperator));
        String indicatorId = created(send("POST", "/api/plans/" + planId + "/indicators", """
                {"name":"Utenti dei centri diurni","unit":"persone","baseline":5,"target":9,
                 "direction":"INCREASE"}""", regionStaff));
        return new Consultation(planId, proposalId, surveyId, meetingId, indicatorId);
    }

    /** A path template of the OpenAPI with this consultation's ids in it. */
    String path(String template) {
        String id = template.startsWith("/api/proposals/")
                ? proposalId
                : template.startsWith("/api/surveys/")
                        ? surveyId
                        : template.startsWith("/api/meetings/") ? meetingId : "";
        String path = template.replace("{planId}", planId).replace("{id}", id).replace("{region}", "puglia")
                .replace("{districtCode}", "BA-BARI").replace("{indicatorId}", indicatorId)
                .replace("{period}", "2026");
        return path.endsWith("/similar") ? path + "?text=anziani" : path;
    }

    static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return send(method, path, body, token, Map.of());
    }

    static HttpResponse<String> send(String method, String path, String body, String token,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "*/*");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    interface Request {
        HttpResponse<String> send() throws Exception;
    }

    /**
     * Each service learns the plan, then its move to consultation, from two events: until both have arrived it
     * answers 404 or 409, so the first write is retried (as {@link ConsultationFlowE2ETest#submitWhenOpen} does).
     */
    static String createdOnceInConsultation(Request request) throws Exception {
        return created(await("the plan open in the owning service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(request::send,
                        response -> response.statusCode() != 404 && response.statusCode() != 409));
    }

    private static String created(HttpResponse<String> response) throws Exception {
        expect(response, 201);
        return json(response).path("id").asText();
    }

    static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
    }
}
