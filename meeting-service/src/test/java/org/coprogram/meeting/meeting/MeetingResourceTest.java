package org.coprogram.meeting.meeting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

@Tag("service")
@QuarkusTest
class MeetingResourceTest extends OnSharedPlan {

    static final String FOGGIA = "071024";

    @Test
    void districtOperatorSchedulesAndManagesOnlyInOwnDistrict() {
        String id = Meetings.schedule("ambito", plan, Meetings.body(30, Meetings.BARI, null)).statusCode(201)
                .body("district", equalTo("BA-BARI")).body("province", equalTo("BA"))
                .body("startsAt", equalTo("2027-03-20T10:00:00+01:00")).extract().path("id");
        Meetings.schedule("ambito", plan, Meetings.body(30, FOGGIA, null)).statusCode(403)
                .contentType("application/problem+json");
        Meetings.schedule("ambito", plan, Meetings.body(30, Meetings.BARI, "FG-FOGGIA")).statusCode(403);
        Meetings.schedule("cittadino", plan, Meetings.body(30, Meetings.BARI, null)).statusCode(403);
        Meetings.schedule("regione", plan, Meetings.body(30, FOGGIA, null)).statusCode(201);

        update("ambito-foggia", id, Meetings.body(30, FOGGIA, null)).statusCode(403);
        given().auth().oauth2(Tokens.of("ambito-foggia")).post("/api/meetings/" + id + "/cancel").then()
                .statusCode(403);
        update("ambito", id, Meetings.body(40, Meetings.BARI, null)).statusCode(200).body("capacity", equalTo(40));
        update("regione", id, Meetings.body(50, Meetings.BARI, null)).statusCode(200).body("capacity", equalTo(50));
        given().queryParam("district", "BA-BARI").queryParam("from", "2027-03-01T00:00:00+01:00")
                .get("/api/plans/" + plan + "/meetings").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void invalidMeetingIsRefusedNamingTheFieldAndStoresNothing() {
        long before = count("SELECT count(*) FROM meeting");
        String valid = Meetings.body(30, Meetings.BARI, null);
        Meetings.schedule("regione", plan, valid.replace("\"endsAt\":\"2027-03-20T13:00+01:00\"",
                "\"endsAt\":\"2027-03-20T09:00+01:00\"")).statusCode(422)
                .body("violations[0].field", equalTo("endsAt"));
        Meetings.schedule("regione", plan, valid.replace("\"capacity\":30", "\"capacity\":0")).statusCode(400)
                .body("violations.field", hasItem("capacity"));
        Meetings.schedule("regione", plan, valid.replace("\"capacity\":30", "\"capacity\":-5")).statusCode(400)
                .body("violations.field", hasItem("capacity"));
        Meetings.schedule("regione", plan, valid.replace("\"capacity\":30",
                "\"capacity\":30,\"registrationClosesAt\":\"2027-03-21T10:00:00+01:00\"")).statusCode(422)
                .body("violations[0].field", equalTo("registrationClosesAt"));
        Meetings.schedule("regione", plan, valid.replace("[\"anziani\"]", "[\"sport\"]")).statusCode(422)
                .body("violations[0].field", equalTo("themes"));
        Meetings.schedule("regione", plan, valid.replace(Meetings.BARI, "066006")).statusCode(422)
                .body("violations[0].field", equalTo("municipality"));
        Meetings.schedule("regione", plan, valid.replace("\"TERRITORIAL\"", "\"PARTY\"")).statusCode(400)
                .body("violations[0].field", equalTo("type"));
        assertThat(count("SELECT count(*) FROM meeting")).isEqualTo(before);
        assertThat(valid).contains("\"endsAt\":\"2027-03-20T13:00+01:00\"");
    }

    @Test
    void registrationAfterTheWindowOrToACancelledMeetingIsRefused() {
        String closed = Meetings.schedule("regione", plan, Meetings.body(30, Meetings.BARI, null)
                .replace("\"capacity\":30", "\"capacity\":30,\"registrationClosesAt\":\"2020-01-01T00:00:00+01:00\""))
                .statusCode(201).extract().path("id");
        register("cittadino", closed).statusCode(409).contentType("application/problem+json");

        String cancelled = Meetings.schedule("regione", plan, Meetings.body(30, Meetings.BARI, null)).statusCode(201)
                .extract().path("id");
        given().auth().oauth2(Tokens.of("regione")).post("/api/meetings/" + cancelled + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        register("cittadino", cancelled).statusCode(409);
        assertThat(count("SELECT count(*) FROM registration WHERE meeting_id IN (?, ?)", closed, cancelled)).isZero();
        given().post("/api/meetings/" + cancelled + "/registrations").then().statusCode(401);
    }

    @Test
    void registrationIsRefusedOnceTheServiceClockPassesTheWindow() {
        OffsetDateTime closes = OffsetDateTime.now(MovableClock.INSTANCE).plusDays(1);
        String id = Meetings.schedule("regione", plan, Meetings.body(30, Meetings.BARI, null)
                .replace("\"capacity\":30", "\"capacity\":30,\"registrationClosesAt\":\"" + closes + "\""))
                .statusCode(201).extract().path("id");
        register("cittadino", id).statusCode(201);

        MovableClock.INSTANCE.advance(Duration.ofDays(2));

        register("ets", id).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Le iscrizioni a questo incontro sono chiuse"));
        assertThat(count("SELECT count(*) FROM registration WHERE meeting_id = ?", id)).isOne();
    }

    @AfterEach
    void resetClock() {
        MovableClock.INSTANCE.reset();
    }

    @Test
    void onlyTheOrganiserChecksInAndWritesMinutesWhichReachTheSynthesisOnPublishing() {
        String id = Meetings.schedule("ambito", plan, Meetings.body(30, Meetings.BARI, null)).statusCode(201)
                .extract().path("id");
        String code = register("cittadino", id).statusCode(201).body("status", equalTo("CONFIRMED"))
                .extract().path("code");
        register("ets", id).statusCode(201);

        checkIn("ambito-foggia", id, code).statusCode(403);
        checkIn("cittadino", id, code).statusCode(403);
        checkIn("ambito", id, "NOPE1234").statusCode(422).body("violations[0].field", equalTo("code"));
        checkIn("ambito", id, code.toLowerCase()).statusCode(200);
        checkIn("ambito", id, code).statusCode(200);
        given().auth().oauth2(Tokens.of("ambito")).get("/api/meetings/" + id + "/attendance").then().statusCode(200)
                .body("confirmed", equalTo(2)).body("checkedIn", equalTo(1))
                .body("checkedInByCategory.CITIZEN", equalTo(1));

        String minutes = """
                {"summary":"Ampia partecipazione; emersi bisogni di assistenza domiciliare.","attendance":45,
                 "contributions":[{"theme":"anziani","text":"Servono più ore di assistenza domiciliare integrata.",
                                   "proposalIds":["%s"]}]}""".formatted(UUID.randomUUID());
        writeMinutes("ambito-foggia", id, minutes).statusCode(403);
        writeMinutes("cittadino", id, minutes).statusCode(403);
        writeMinutes("ambito", id, minutes.replace("\"theme\":\"anziani\"", "\"theme\":\"sport\"")).statusCode(422)
                .body("violations[0].field", equalTo("contributions[0].theme"));
        writeMinutes("ambito", id, minutes).statusCode(200).body("status", equalTo("DRAFT"));
        given().get("/api/meetings/" + id + "/minutes").then().statusCode(401);

        try (TopicReader topic = TopicReader.fromNow(MeetingEvents.TOPIC)) {
            given().auth().oauth2(Tokens.of("ambito")).post("/api/meetings/" + id + "/minutes/publish").then()
                    .statusCode(200).body("status", equalTo("PUBLISHED"));
            List<ConsumerRecord<String, String>> events = topic.await(
                    TopicReader.ofType(MeetingEvents.MINUTES_PUBLISHED, id), 1, Duration.ofSeconds(15),
                    database);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).value()).contains("Servono più ore di assistenza domiciliare integrata.",
                    "\"district\":\"BA-BARI\"", "\"checkedIn\":1");
        }
        given().get("/api/meetings/" + id + "/minutes").then().statusCode(200).body("attendance", equalTo(45))
                .body("contributions[0].theme", equalTo("anziani"));
        writeMinutes("ambito", id, minutes).statusCode(409);
    }

    @Test
    void calendarRoundTripsAcrossBothDaylightSavingChanges() throws Exception {
        // 28 March 2027: at 02:00 clocks go to 03:00. 31 October 2027: at 03:00 they go back to 02:00, so 02:30 happens
        // twice; the second 02:30 cannot be written as Rome local time and is written in UTC.
        assertCalendar("2027-03-28T01:30:00+01:00", "2027-03-28T04:30:00+02:00",
                "DTSTART;TZID=Europe/Rome:20270328T013000", "DTEND;TZID=Europe/Rome:20270328T043000");
        assertCalendar("2027-10-31T01:30:00+02:00", "2027-10-31T02:30:00+01:00",
                "DTSTART;TZID=Europe/Rome:20271031T013000", "DTEND:20271031T013000Z");
        assertCalendar("2027-10-31T02:15:00+02:00", "2027-10-31T03:15:00+01:00",
                "DTSTART;TZID=Europe/Rome:20271031T021500", "DTEND;TZID=Europe/Rome:20271031T031500");
    }

    private void assertCalendar(String start, String end, String startLine, String endLine) throws Exception {
        String body = Meetings.body(30, Meetings.BARI, null)
                .replace("\"startsAt\":\"2027-03-20T10:00+01:00\"", "\"startsAt\":\"" + start + "\"")
                .replace("\"endsAt\":\"2027-03-20T13:00+01:00\"", "\"endsAt\":\"" + end + "\"");
        String id = Meetings.schedule("regione", plan, body).statusCode(201).extract().path("id");
        String ics = given().get("/api/meetings/" + id + "/calendar.ics").then().statusCode(200)
                .contentType("text/calendar").extract().asString();
        assertThat(ics).contains(startLine, endLine, "BEGIN:VTIMEZONE", "TZID:Europe/Rome", "UID:" + id + "@coprogram");

        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        VEvent event = parsed.<VEvent>getComponents("VEVENT").get(0);
        assertThat(parsed.<VTimeZone>getComponents("VTIMEZONE")).hasSize(1);
        Instant parsedStart = Instant.from(event.getStartDate().orElseThrow().getDate());
        Instant parsedEnd = Instant.from(event.getEndDate().orElseThrow().getDate());
        assertThat(parsedStart).isEqualTo(OffsetDateTime.parse(start).toInstant());
        assertThat(parsedEnd).isEqualTo(OffsetDateTime.parse(end).toInstant());
        assertThat(Duration.between(parsedStart, parsedEnd)).isEqualTo(Duration.ofHours(2));
    }

    private static ValidatableResponse update(String user, String id, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .put("/api/meetings/" + id).then();
    }

    private static ValidatableResponse register(String user, String id) {
        return given().auth().oauth2(Tokens.of(user)).post("/api/meetings/" + id + "/registrations").then();
    }

    private static ValidatableResponse checkIn(String user, String id, String code) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body("{\"code\":\"" + code + "\"}")
                .post("/api/meetings/" + id + "/check-ins").then();
    }

    private static ValidatableResponse writeMinutes(String user, String id, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .put("/api/meetings/" + id + "/minutes").then();
    }

    private long count(String sql, Object... parameters) {
        return Jdbc.count(database, sql, parameters);
    }
}
