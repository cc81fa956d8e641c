package org.coprogram.meeting.personal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.meeting.meeting.Meetings;
import org.coprogram.meeting.reminder.MeetingReminders;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.PersonalEventRows;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A registrant's personal events (docs/dialogue-participation.md): each recorded once, in the transaction of the
 * registration change, on the restricted topic only, none when the change is refused, no account on a public topic;
 * the reminder the day before, once per registration however often the job runs; and /api/me/registrations, each
 * person's own only.
 */
@Tag("service")
@QuarkusTest
class RegistrantPersonalEventsTest {

    @Inject
    DataSource database;

    @Inject
    MeetingReminders reminders;

    @Test
    void registrationsAreConfirmedWithTheCalendarFileWaitlistedWithThePositionAndPromotedOnce() {
        String meeting = meeting(1);

        as("cittadino").post(registrations(meeting)).then().statusCode(201).body("status", equalTo("CONFIRMED"));
        String cittadino = person(meeting, "CONFIRMED");
        as("cittadino").post(registrations(meeting)).then().statusCode(200);
        assertThat(notifications(cittadino, meeting, "REGISTRATION_CONFIRMED")).isEqualTo(1);
        assertThat(follows(EventTypes.PERSON_FOLLOW_STARTED, cittadino, meeting)).isEqualTo(1);
        assertThat(Jdbc.text(database, "SELECT convert_from(decode(payload::jsonb -> 'attachments' -> 0 ->> 'base64',"
                + " 'base64'), 'UTF8') FROM outbox_event WHERE topic = ? AND subject = ?"
                + " AND payload::jsonb ->> 'kind' = 'REGISTRATION_CONFIRMED' AND payload::jsonb -> 'subject' ->> 'id' = ?",
                Topics.PERSONAL, cittadino, meeting)).startsWith("BEGIN:VCALENDAR").contains("UID:" + meeting);

        as("ets").post(registrations(meeting)).then().statusCode(201).body("status", equalTo("WAITLISTED"));
        String ets = person(meeting, "WAITLISTED");
        assertThat(notifications(ets, meeting, "REGISTRATION_WAITLISTED")).isEqualTo(1);
        assertThat(Jdbc.text(database, "SELECT payload::jsonb -> 'data' ->> 'waitlistPosition' FROM outbox_event"
                + " WHERE topic = ? AND subject = ? AND payload::jsonb ->> 'kind' = 'REGISTRATION_WAITLISTED'"
                + " AND payload::jsonb -> 'subject' ->> 'id' = ?", Topics.PERSONAL, ets, meeting)).isEqualTo("1");

        as("cittadino").delete(registrations(meeting) + "/me").then().statusCode(204);
        as("cittadino").delete(registrations(meeting) + "/me").then().statusCode(404);
        assertThat(follows(EventTypes.PERSON_FOLLOW_ENDED, cittadino, meeting)).isEqualTo(1);
        assertThat(notifications(ets, meeting, "REGISTRATION_PROMOTED")).isEqualTo(1);
        assertThat(onPublicTopics(cittadino) + onPublicTopics(ets)).isZero();
    }

    @Test
    void aRefusedRegistrationRecordsNothingPersonal() {
        String meeting = meeting(10);
        as("ambito").post("/api/meetings/" + meeting + "/cancel").then().statusCode(200);

        as("cittadino").post(registrations(meeting)).then().statusCode(409);

        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND payload LIKE ?",
                Topics.PERSONAL, "%" + meeting + "%")).isZero();
    }

    @Test
    void theReminderTheDayBeforeIsRecordedOncePerConfirmedRegistration() {
        String meeting = meeting(1);
        as("cittadino").post(registrations(meeting)).then().statusCode(201);
        as("ets").post(registrations(meeting)).then().statusCode(201).body("status", equalTo("WAITLISTED"));
        String cittadino = person(meeting, "CONFIRMED");
        String ets = person(meeting, "WAITLISTED");

        reminders.remindDue().await().atMost(Duration.ofSeconds(30));
        assertThat(notifications(cittadino, meeting, "MEETING_REMINDER")).isZero();

        // The day before: the meeting starts at 10:00 on 2027-03-20 (Rome).
        Instant dayBefore = OffsetDateTime.parse("2027-03-19T12:00:00+01:00").toInstant();
        MovableClock.INSTANCE.advance(Duration.between(MovableClock.INSTANCE.instant(), dayBefore));
        try {
            reminders.remindDue().await().atMost(Duration.ofSeconds(30));
            reminders.remindDue().await().atMost(Duration.ofSeconds(30));
        } finally {
            MovableClock.INSTANCE.reset();
        }

        assertThat(notifications(cittadino, meeting, "MEETING_REMINDER")).isEqualTo(1);
        assertThat(notifications(ets, meeting, "MEETING_REMINDER")).as("waitlisted people are not reminded").isZero();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM meeting_reminder_sent s JOIN registration r"
                + " ON r.id = s.registration_id WHERE r.meeting_id = ?", meeting)).isEqualTo(1);
    }

    @Test
    void myRegistrationsAreOnlyTheCallersOwnWithTheirCodes() {
        String meeting = meeting(5);
        String code = as("cittadino").post(registrations(meeting)).then().statusCode(201).extract().path("code");
        String other = meeting(5);
        as("ets").post(registrations(other)).then().statusCode(201);

        as("cittadino").get("/api/me/registrations?size=100").then().statusCode(200)
                .body("items.meetingId", hasItem(meeting)).body("items.meetingId", not(hasItem(other)))
                .body("items.find { it.meetingId == '" + meeting + "' }.code", equalTo(code));
        as("ets").get("/api/me/registrations?size=100").then().statusCode(200)
                .body("items.meetingId", hasItem(other)).body("items.meetingId", not(hasItem(meeting)))
                .body("items.code", everyItem(not(equalTo(code))));
        given().get("/api/me/registrations").then().statusCode(401);
    }

    @Test
    void everyPersonalEventConformsToItsSchemaClosedToUndocumentedFields() {
        submitSomething();
        assertThat(PersonalEventRows.nonConforming(database)).isEmpty();
    }

    /** Confirmed, waitlisted, cancelled and promoted, so the outbox holds every shape this service writes. */
    private void submitSomething() {
        String meeting = meeting(1);
        as("cittadino").post(registrations(meeting)).then().statusCode(201);
        as("ets").post(registrations(meeting)).then().statusCode(201);
        as("cittadino").delete(registrations(meeting) + "/me").then().statusCode(204);
        reminders.remindDue().await().atMost(Duration.ofSeconds(30));
    }

    private String meeting(int capacity) {
        UUID plan = Meetings.sharedPlan();
        return Meetings.schedule("ambito", plan, Meetings.body(capacity, Meetings.BARI, null)).statusCode(201)
                .extract().path("id");
    }

    private static String registrations(String meeting) {
        return "/api/meetings/" + meeting + "/registrations";
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    private String person(String meeting, String status) {
        return Jdbc.text(database, "SELECT person_id FROM registration WHERE meeting_id = ? AND status = ?", meeting,
                status);
    }

    private long notifications(String account, String meeting, String kind) {
        return Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ? AND subject = ?"
                + " AND payload::jsonb ->> 'kind' = ? AND payload::jsonb -> 'subject' ->> 'id' = ?"
                + " AND payload::jsonb ->> 'accountId' = ?", Topics.PERSONAL,
                EventTypes.PERSON_NOTIFICATION_REQUESTED, account, kind, meeting, account);
    }

    private long follows(String type, String account, String meeting) {
        return Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ? AND subject = ?"
                + " AND payload::jsonb ->> 'targetId' = ? AND payload::jsonb ->> 'reason' = 'REGISTRANT'",
                Topics.PERSONAL, type, account, meeting);
    }

    private long onPublicTopics(String account) {
        return Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE topic <> ? AND (subject = ? OR payload LIKE ?)",
                Topics.PERSONAL, account, "%" + account + "%");
    }
}
