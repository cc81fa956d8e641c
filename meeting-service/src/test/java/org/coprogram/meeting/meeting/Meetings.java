package org.coprogram.meeting.meeting;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** A Puglia plan known to meeting-service, and meetings scheduled on it through the API. */
public final class Meetings {

    public static final String PROBE = "/api/plans/%s/meetings";
    public static final String BARI = "072006";

    private Meetings() {
    }

    private static UUID sharedPlan;

    /** One plan in consultation for the tests of this JVM that need any such plan and change nothing of it. */
    public static synchronized UUID sharedPlan() {
        if (sharedPlan == null) {
            try (EventPublisher publisher = new EventPublisher()) {
                sharedPlan = plan(publisher);
            }
        }
        return sharedPlan;
    }

    public static UUID plan(EventPublisher publisher) {
        return PlanFixture.plan(publisher, "puglia", "CONSULTATION", PROBE);
    }

    public static String body(int capacity, String municipality, String district) {
        OffsetDateTime start = OffsetDateTime.parse("2027-03-20T10:00:00+01:00");
        return """
                {"type":"TERRITORIAL","title":"Incontro territoriale di prova","description":"Ascolto del territorio.",
                 "themes":["anziani"],%s"municipality":"%s","address":"Via Sparano 1",
                 "startsAt":"%s","endsAt":"%s","capacity":%d}""".formatted(
                district == null ? "" : "\"district\":\"" + district + "\",", municipality, start, start.plusHours(3),
                capacity);
    }

    public static ValidatableResponse schedule(String user, UUID planId, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/plans/" + planId + "/meetings").then();
    }
}
