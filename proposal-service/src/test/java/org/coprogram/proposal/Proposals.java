package org.coprogram.proposal;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.coprogram.testing.EventPublisher;
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
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(database, "SELECT count(*) FROM plan_view WHERE id = '" + planId + "' AND phase = '" + phase
                + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Plan " + planId + " never reached phase " + phase);
            }
            PlanFixture.sleep();
        }
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

    public static long count(DataSource database, String sql) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(DataSource database, String sql) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
