package org.coprogram.meeting.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.meeting.meeting.Meetings;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/me/export/meetings}: the caller's registrations with their codes, the cancelled one too, and never
 * another registrant's code on the same meeting.
 */
@Tag("service")
@QuarkusTest
class MeetingExportTest {

    @Inject
    DataSource database;

    @Test
    void theExportHoldsTheCallersRegistrationsWithCodesAndNoOtherRegistrants() {
        UUID plan = Meetings.sharedPlan();
        String meeting = Meetings.schedule("ambito", plan, Meetings.body(10, Meetings.BARI, null)).statusCode(201)
                .extract().path("id");
        String cancelled = Meetings.schedule("ambito", plan, Meetings.body(10, Meetings.BARI, null)).statusCode(201)
                .extract().path("id");
        given().auth().oauth2(Tokens.of("cittadino")).post("/api/meetings/" + meeting + "/registrations").then()
                .statusCode(201);
        given().auth().oauth2(Tokens.of("cittadino")).post("/api/meetings/" + cancelled + "/registrations").then()
                .statusCode(201);
        given().auth().oauth2(Tokens.of("cittadino")).delete("/api/meetings/" + cancelled + "/registrations/me")
                .then().statusCode(204);
        given().auth().oauth2(Tokens.of("ets")).post("/api/meetings/" + meeting + "/registrations").then()
                .statusCode(201);
        String myCode = code(meeting, "cittadino");
        String theirCode = code(meeting, "ets");

        String body = given().auth().oauth2(Tokens.of("cittadino")).get("/api/me/export/meetings").then()
                .statusCode(200).contentType("application/json")
                .header("Transfer-Encoding", "chunked").extract().asString();
        JsonPath export = JsonPath.from(body);
        assertThat(export.getString("service")).isEqualTo("meeting-service");
        assertThat(export.getList("registrations.meetingId")).contains(meeting, cancelled);
        assertThat(export.getString("registrations.find { it.meetingId == '" + meeting + "' }.code"))
                .isEqualTo(myCode);
        assertThat(export.getString("registrations.find { it.meetingId == '" + cancelled + "' }.status"))
                .isEqualTo("CANCELLED");
        String theirAccount = Jdbc.text(database,
                "SELECT person_id FROM registration WHERE meeting_id = ? AND code = ?", meeting, theirCode);
        assertThat(body).doesNotContain(theirCode, theirAccount);
        given().get("/api/me/export/meetings").then().statusCode(401);
    }

    private String code(String meeting, String user) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/me/registrations?size=100").then().statusCode(200)
                .extract().path("items.find { it.meetingId == '" + meeting + "' }.code");
    }
}
