package org.coprogram.survey;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Puglia plans known to survey-service, and surveys created and published on them through the API. */
public final class Surveys {

    public static final String PROBE = "/api/plans/%s/surveys";
    public static final String BARI = "072006";
    public static final String FOGGIA = "071024";
    public static final String L_AQUILA = "066049";

    /** One question of every type; {@code soddisfazione} is shown (and then required) only to users of "sad". */
    public static final String EVERY_TYPE = """
            {"title":"Questionario sui servizi sociali","description":"Di prova.","anonymous":%s,
             "questions":[
              {"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio più usato","required":true,
               "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"},
                          {"id":"nessuno","label":"Nessuno"}]},
              {"id":"bisogni","type":"MULTIPLE_CHOICE","label":"Bisogni","maxSelections":2,
               "options":[{"id":"casa","label":"Casa"},{"id":"lavoro","label":"Lavoro"},{"id":"cura","label":"Cura"}]},
              {"id":"soddisfazione","type":"SCALE","label":"Soddisfazione","required":true,"min":1,"max":5,
               "showIf":{"question":"servizio","equals":"sad"}},
              {"id":"priorita","type":"RANKING","label":"Ordina le aree per priorità",
               "options":[{"id":"poverta","label":"Povertà"},{"id":"anziani","label":"Anziani"},
                          {"id":"disabili","label":"Disabilità"}]},
              {"id":"nota","type":"SHORT_TEXT","label":"In breve","max":50},
              {"id":"racconto","type":"LONG_TEXT","label":"Racconta","min":10},
              {"id":"eta","type":"NUMBER","label":"Età","min":14,"max":120},
              {"id":"comune","type":"MUNICIPALITY","label":"Comune di residenza"}
             ]}""";

    private Surveys() {
    }

    /** A Puglia plan in consultation, once survey-service has applied the phase change. */
    public static UUID openPlan(EventPublisher publisher, DataSource database) {
        UUID planId = PlanFixture.plan(publisher, "puglia", "CONSULTATION", PROBE);
        await("plan " + planId + " in CONSULTATION in survey-service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> "CONSULTATION".equals(
                        Jdbc.text(database, "SELECT phase FROM plan_view WHERE id::text = ?", planId.toString())));
        return planId;
    }

    public static ValidatableResponse create(String user, UUID planId, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/plans/" + planId + "/surveys").then();
    }

    /** Creates and publishes {@code body} as region staff; the survey id. */
    public static String published(UUID planId, String body) {
        String id = create("regione", planId, body).statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("regione")).post("/api/surveys/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** Closes the survey as region staff. */
    public static void close(String surveyId) {
        given().auth().oauth2(Tokens.of("regione")).post("/api/surveys/" + surveyId + "/close").then().statusCode(200);
    }

    public static ValidatableResponse respond(String token, String surveyId, String body, String idempotencyKey) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/surveys/" + surveyId + "/responses").then();
    }

}
