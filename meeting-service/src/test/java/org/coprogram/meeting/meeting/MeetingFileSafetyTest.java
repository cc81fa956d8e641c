package org.coprogram.meeting.meeting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.StringReader;
import java.util.List;
import java.util.UUID;

import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** Meeting texts never carry control characters into {@code calendar.ics}: refused on input, cleaned on output. */
@Tag("service")
@QuarkusTest
class MeetingFileSafetyTest extends OnSharedPlan {

    static final String TITLE = "\"title\":\"Incontro territoriale di prova\"";
    static final String DESCRIPTION = "\"description\":\"Ascolto del territorio.\"";
    static final String ADDRESS = "\"address\":\"Via Sparano 1\"";

    @Test
    void aStoredTitleWithCarriageReturnsInjectsNoPropertyIntoTheCalendar() throws Exception {
        String id = Meetings.schedule("regione", plan, Meetings.body(30, Meetings.BARI, null)).statusCode(201)
                .extract().path("id");
        // As if written before input was checked: CR and CRLF followed by properties of the attacker's choosing.
        store(id, "Incontro\rATTENDEE;CN=Mallory:mailto:mallory@example.org\r\nX-INJECTED:1",
                "Riga uno\r\nRiga due\rORGANIZER:mailto:mallory@example.org\u0007\u000bfine",
                "Via Sparano 1\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:falso");

        String ics = given().get("/api/meetings/" + id + "/calendar.ics").then().statusCode(200)
                .contentType("text/calendar").extract().asString();

        assertThat(ics.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(ics.split("\r\n")).noneMatch(line -> line.startsWith("ATTENDEE") || line.startsWith("ORGANIZER")
                || line.startsWith("X-INJECTED") || line.startsWith("SUMMARY:falso")).filteredOn("END:VEVENT"::equals)
                .hasSize(1);
        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = parsed.<VEvent>getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.get(0);
        assertThat(event.getProperties().stream().map(Property::getName))
                .doesNotContain("ATTENDEE", "ORGANIZER", "X-INJECTED")
                .containsOnlyOnce("SUMMARY", "DESCRIPTION", "LOCATION");
        assertThat(value(event, Property.SUMMARY))
                .isEqualTo("Incontro ATTENDEE;CN=Mallory:mailto:mallory@example.org X-INJECTED:1");
        assertThat(value(event, Property.DESCRIPTION))
                .isEqualTo("Riga uno\nRiga due\nORGANIZER:mailto:mallory@example.org  fine");
        assertThat(value(event, Property.LOCATION)).startsWith("Via Sparano 1 END:VEVENT BEGIN:VEVENT SUMMARY:falso, ");
    }

    @Test
    void aMeetingWithAControlCharacterInATextIsRefusedNamingTheField() {
        String marker = "rifiutato-" + UUID.randomUUID();
        String valid = Meetings.body(30, Meetings.BARI, null).replace(DESCRIPTION,
                "\"description\":\"" + marker + "\"");
        refused(valid.replace(TITLE, "\"title\":\"Incontro\\rATTENDEE:mailto:mallory@example.org\""), "title");
        refused(valid.replace(TITLE, "\"title\":\"Incontro su\\ndue righe\""), "title");
        refused(valid.replace(TITLE, "\"title\":\"Incontro\\ttabulato\""), "title");
        refused(valid.replace(TITLE, "\"title\":\"Incontro\\u2028separato\""), "title");
        refused(valid.replace(ADDRESS, "\"address\":\"Via Sparano 1\\r\\nORGANIZER:mailto:m@example.org\""),
                "address");
        refused(valid.replace(marker, marker + "\\rATTENDEE:mailto:m@example.org"), "description");
        refused(valid.replace(marker, marker + "\\u0000"), "description");
        refused(valid.replace("\"capacity\":30", "\"capacity\":30,\"accessibilityNotes\":\"rampa\\u001b[2J\""),
                "accessibilityNotes");
        refused(valid.replace("\"capacity\":30", "\"capacity\":30,\"onlineUrl\":\"https://x.example/\\u0000a\""),
                "onlineUrl");
        assertThat(count(marker)).isZero();

        // Line breaks and tabs are the ordinary content of a long text.
        String id = Meetings.schedule("regione", plan, valid.replace(marker, marker + "\\nSeconda riga\\r\\n\\tTerza"))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(valid.replace(TITLE, "\"title\":\"Incontro\\rATTENDEE:mailto:mallory@example.org\""))
                .put("/api/meetings/" + id).then().statusCode(400).body("violations.field", hasItem("title"));
        assertThat(count(marker)).isOne();
    }

    private static String value(VEvent event, String property) {
        return event.<Property>getProperty(property).map(Property::getValue).orElseThrow();
    }

    private static ValidatableResponse refused(String body, String field) {
        return Meetings.schedule("regione", plan, body).statusCode(400).contentType("application/problem+json")
                .body("violations.size()", equalTo(1)).body("violations[0].field", equalTo(field))
                .body("violations[0].message", containsString("caratteri di controllo"));
    }

    private void store(String id, String title, String description, String address) {
        assertThat(Jdbc.update(database, "UPDATE meeting SET title = ?, description = ?, address = ? WHERE id = ?",
                title, description, address, id)).isOne();
    }

    private long count(String marker) {
        return Jdbc.count(database, "SELECT count(*) FROM meeting WHERE description LIKE ?", marker + "%");
    }
}
