package org.coprogram.meeting.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.meeting.meeting.Meetings;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * meeting-service forgets a person on an erasure request (docs/privacy.md, "Cancellazione (art. 17)"): each active
 * registration is cancelled through the cancellation path (the seat goes to the first waiting, the public count and
 * its event as for any cancellation), then the person's registrations are gone and no row names the account; another
 * person's registration stays; a replayed request changes nothing twice.
 */
@Tag("service")
@QuarkusTest
class MeetingErasureTest {

    private static final EventPublisher EVENTS = new EventPublisher();

    @Inject
    DataSource database;

    @AfterAll
    static void close() {
        EVENTS.close();
    }

    @Test
    void erasureCancelsThePersonsSeatsPromotesTheWaitingAndForgetsTheAccount() {
        List<String> tokens = TestUsers.tokens("erasure-meeting", 2);
        String meeting = Meetings.schedule("ambito", Meetings.sharedPlan(), Meetings.body(1, Meetings.BARI, null))
                .statusCode(201).extract().path("id");
        as(tokens.get(0)).post(registrations(meeting)).then().statusCode(201).body("status", equalTo("CONFIRMED"));
        as(tokens.get(1)).post(registrations(meeting)).then().statusCode(201).body("status", equalTo("WAITLISTED"));
        String erased = Jdbc.text(database, "SELECT person_id FROM registration WHERE meeting_id = ?::uuid"
                + " AND status = 'CONFIRMED'", meeting);
        String other = Jdbc.text(database, "SELECT person_id FROM registration WHERE meeting_id = ?::uuid"
                + " AND status = 'WAITLISTED'", meeting);
        // A meeting already held, where the person was checked in: its attendance is the minutes' record.
        String held = Meetings.schedule("ambito", Meetings.sharedPlan(), Meetings.body(5, Meetings.BARI, null))
                .statusCode(201).extract().path("id");
        as(tokens.get(0)).post(registrations(held)).then().statusCode(201).body("status", equalTo("CONFIRMED"));
        Jdbc.update(database, "UPDATE meeting SET starts_at = now() - interval '3 hours',"
                + " ends_at = now() - interval '1 hour' WHERE id = ?::uuid", held);
        Jdbc.update(database, "UPDATE registration SET checked_in_at = now() - interval '2 hours'"
                + " WHERE meeting_id = ?::uuid", held);
        UUID erasureId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();

        EVENTS.publish(Topics.ERASURE, request(eventId, erasureId, erased));
        awaitCompletions(erasureId);

        // The held meeting's seat and check-in stay, named by nobody: its figures do not move after the fact.
        assertThat(Jdbc.count(database, "SELECT count(*) FROM registration WHERE meeting_id = ?::uuid"
                + " AND status = 'CONFIRMED' AND checked_in_at IS NOT NULL", held)).isEqualTo(1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                EventTypes.MEETING_REGISTRATION_CANCELLED, held)).isZero();

        assertThat(Jdbc.count(database, "SELECT count(*) FROM registration WHERE person_id = ?", erased)).isZero();
        assertThat(Jdbc.text(database, "SELECT status FROM registration WHERE person_id = ? AND meeting_id = ?::uuid",
                other, meeting)).isEqualTo("CONFIRMED");
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                EventTypes.MEETING_REGISTRATION_CANCELLED, meeting)).isEqualTo(1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                EventTypes.MEETING_REGISTRATION_PROMOTED, meeting)).isEqualTo(1);
        assertCountsReconcile();
        assertThat(rowsNaming(erased)).isEmpty();
        as(tokens.get(0)).get(registrations(meeting) + "/me").then().statusCode(404);

        // The same event again, then a probe on the same key: once the probe is answered, the replay was read too.
        EVENTS.publish(Topics.ERASURE, request(eventId, erasureId, erased));
        UUID probe = UUID.randomUUID();
        EVENTS.publish(Topics.ERASURE, EventPublisher.event(UUID.randomUUID(), "/proposal-service",
                ErasureEvents.REQUESTED, erasureId.toString(), "", data(probe, "nessuno-" + probe)));
        awaitCompletions(probe);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                ErasureEvents.COMPLETED, erasureId.toString())).isEqualTo(1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                EventTypes.MEETING_REGISTRATION_CANCELLED, meeting)).isEqualTo(1);
    }

    private void assertCountsReconcile() {
        assertThat(Jdbc.count(database,
                """
                        SELECT count(*) FROM meeting m WHERE m.confirmed <> (SELECT count(*) FROM registration r
                                                                            WHERE r.meeting_id = m.id AND r.status = 'CONFIRMED')"""))
                .isZero();
    }

    private List<String> rowsNaming(String account) {
        List<String> tables = new ArrayList<>();
        String list = Jdbc.text(database, """
                SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""");
        for (String table : list.split(",")) {
            if (Jdbc.count(database, "SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?",
                    "%" + account + "%") > 0) {
                tables.add(table);
            }
        }
        return tables;
    }

    private void awaitCompletions(UUID erasureId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?", ErasureEvents.COMPLETED,
                erasureId.toString()) == 1);
    }

    private static io.cloudevents.CloudEvent request(UUID eventId, UUID erasureId, String account) {
        return EventPublisher.event(eventId, "/proposal-service", ErasureEvents.REQUESTED, erasureId.toString(), "",
                data(erasureId, account));
    }

    private static String data(UUID erasureId, String account) {
        return """
                {"erasureId":"%s","accountId":"%s","contributions":"WITHDRAW","requestedAt":"%s"}"""
                .formatted(erasureId, account, OffsetDateTime.now());
    }

    private static String registrations(String meeting) {
        return "/api/meetings/" + meeting + "/registrations";
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }
}
