package org.coprogram.proposal;

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
import io.restassured.specification.RequestSpecification;

/** Plans and proposals for the proposal-service tests, through the service's own API. */
public final class Proposals {

    public static final String PROBE = "/api/plans/%s/proposals";
    public static final String BARI = "072006";
    public static final String LECCE = "075035";
    public static final String FOGGIA = "071024";
    public static final String TARANTO = "073027";

    private Proposals() {
    }

    /** A Puglia plan (themes poverta, anziani) whose consultation is open in proposal-service. */
    public static UUID openPlan(EventPublisher publisher, DataSource database) {
        UUID planId = PlanFixture.plan(publisher, "puglia", "CONSULTATION", PROBE);
        awaitPhase(database, planId, "CONSULTATION");
        return planId;
    }

    public static void awaitPhase(DataSource database, UUID planId, String phase) {
        await("plan " + planId + " in phase " + phase).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> Jdbc.count(database,
                        "SELECT count(*) FROM plan_view WHERE id::text = ? AND phase = ?", planId.toString(),
                        phase) > 0);
    }

    public static String body(String title, String theme, String municipality, String text) {
        return """
                {"kind":"PROPOSAL","title":"%s","theme":"%s","municipality":"%s","body":"%s"}"""
                .formatted(title, theme, municipality, text);
    }

    public static String body(String title) {
        return body(title, "anziani", BARI,
                "Servizi di assistenza domiciliare per anziani soli nei quartieri periferici, con personale formato.");
    }

    /** Submits as {@code user} and returns the new proposal's id. */
    public static String submit(String user, UUID planId, String body) {
        return as(user).body(body).post("/api/plans/" + planId + "/proposals").then().statusCode(201).extract()
                .path("id");
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
    }

    public static ValidatableResponse get(String user, String proposalId) {
        RequestSpecification request = user == null ? given() : given().auth().oauth2(Tokens.of(user));
        return request.get("/api/proposals/" + proposalId).then();
    }
}
