package org.coprogram.meeting.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.personal.PersonalEvents;
import org.coprogram.meeting.meeting.Meeting;
import org.coprogram.meeting.meeting.MeetingEvents;
import org.coprogram.meeting.meeting.MeetingRepository;
import org.coprogram.meeting.meeting.Meetings;
import org.coprogram.meeting.personal.RegistrantNotices;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;

/**
 * A registration while seats remain is one statement ({@link RegistrationRepository#claimSeat}): what it writes is
 * what the transaction it replaces wrote, and it writes nothing for a meeting that changed after it was read.
 */
@Tag("service")
@QuarkusTest
class SeatInOneStatementTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource database;

    @Inject
    RegistrationRepository registrations;

    @Inject
    Outbox outbox;

    @Inject
    RegistrantNotices notices;

    @Inject
    MeetingRepository meetingRows;

    @Test
    void theConfirmedEventHasRegistrationEventsFieldsInOrderAndTheCountAfterIt() throws Exception {
        List<String> tokens = TestUsers.tokens("seat-statement", 2);
        String meetingId = meeting(5);
        try (TopicReader topic = TopicReader.fromNow(MeetingEvents.TOPIC)) {
            List<String> codes = new ArrayList<>();
            for (String token : tokens) {
                codes.add(RestAssured.given().auth().oauth2(token).post("/api/meetings/" + meetingId + "/registrations")
                        .then().statusCode(201).extract().path("code"));
            }
            List<ConsumerRecord<String, String>> events = topic.await(
                    TopicReader.ofType(MeetingEvents.REGISTRATION_CONFIRMED, meetingId), 2, Duration.ofSeconds(30),
                    database);
            assertThat(events).hasSize(2);
            List<String> javaFields = new ArrayList<>();
            JSON.valueToTree(new RegistrationEvent(UUID.randomUUID(), UUID.randomUUID(), "p", "CITIZEN",
                    RegistrationStatus.CONFIRMED, null, 1, 5)).fieldNames().forEachRemaining(javaFields::add);
            List<Integer> counts = new ArrayList<>();
            for (ConsumerRecord<String, String> event : events) {
                // json_build_object's spacing: the statement made this event, not the transaction's Jackson.
                assertThat(event.value()).contains("\"status\" : \"CONFIRMED\"");
                JsonNode data = JSON.readTree(event.value());
                List<String> fields = new ArrayList<>();
                data.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).isEqualTo(javaFields);
                RegistrationEvent parsed = JSON.treeToValue(data, RegistrationEvent.class);
                assertThat(parsed.meetingId()).hasToString(meetingId);
                assertThat(parsed.status()).isEqualTo(RegistrationStatus.CONFIRMED);
                assertThat(parsed.waitlistPosition()).isNull();
                assertThat(parsed.capacity()).isEqualTo(5);
                assertThat(parsed.participant()).doesNotContain("seat-statement");
                counts.add(parsed.confirmed());
            }
            assertThat(counts).containsExactlyInAnyOrder(1, 2);
            for (String code : codes) {
                assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_type = 'meeting'"
                        + " AND target_id = ? AND action = ? AND details = ?", meetingId,
                        MeetingEvents.REGISTRATION_CONFIRMED, code)).isEqualTo(1);
                assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ?"
                        + " AND payload LIKE ?", PersonalEvents.TOPIC, PersonalEvents.NOTIFICATION_REQUESTED,
                        "%" + code + "%")).isEqualTo(1);
            }
            assertThat(Jdbc.count(database, "SELECT confirmed FROM meeting WHERE id = ?::uuid", meetingId))
                    .isEqualTo(2);
        }
    }

    /** As Hibernate's update of the seat count did, so an organiser's edit read before it fails instead of undoing it. */
    @Test
    void theStatementMovesTheMeetingsVersion() throws Throwable {
        String meetingId = meeting(5);
        long before = version(meetingId);
        assertThat(registrations.claimSeat(claim(read(meetingId), "version")).await().indefinitely()).isEqualTo(1);
        assertThat(version(meetingId)).isEqualTo(before + 1);
    }

    @Test
    void aMeetingChangedAfterItWasReadGetsNothingWritten() throws Throwable {
        String meetingId = meeting(5);
        Meeting stale = read(meetingId);
        stale.title = stale.title + " (prima della modifica)";
        SeatClaim claim = claim(stale, "stale");

        assertThat(registrations.claimSeat(claim).await().indefinitely()).isNull();

        assertThat(Jdbc.count(database, "SELECT count(*) FROM registration WHERE meeting_id = ?::uuid", meetingId))
                .isZero();
        assertThat(Jdbc.count(database, "SELECT confirmed FROM meeting WHERE id = ?::uuid", meetingId)).isZero();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE id IN (?::uuid, ?::uuid, ?::uuid)",
                claim.event().id.toString(), claim.notice().id.toString(), claim.follow().id.toString())).isZero();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_id = ? AND action = ?",
                meetingId, MeetingEvents.REGISTRATION_CONFIRMED)).isZero();
    }

    @Test
    void aFullMeetingGetsNothingWrittenByTheStatementAndTheWaitlistFromTheTransaction() throws Throwable {
        String meetingId = meeting(1);
        assertThat(registrations.claimSeat(claim(read(meetingId), "first")).await().indefinitely()).isEqualTo(1);
        assertThat(registrations.claimSeat(claim(read(meetingId), "second")).await().indefinitely()).isNull();

        String token = TestUsers.tokens("seat-statement-full", 1).get(0);
        RestAssured.given().auth().oauth2(token).post("/api/meetings/" + meetingId + "/registrations").then()
                .statusCode(201).body("status", equalTo("WAITLISTED"))
                .body("waitlistPosition", equalTo(1));
        assertThat(Jdbc.count(database, "SELECT confirmed FROM meeting WHERE id = ?::uuid", meetingId)).isEqualTo(1);
    }

    /** What the one-statement path reads without Hibernate is what Hibernate loads, field by field. */
    @Test
    void theMeetingReadWithoutHibernateHasEveryFieldHibernateLoads() throws Throwable {
        String meetingId = meeting(5);
        Jdbc.update(database, "UPDATE meeting SET confirmed = 2, last_waitlist_seq = 3, accessibility_notes = 'Rampa',"
                + " online_url = 'https://incontri.example.it/x' WHERE id = ?::uuid", meetingId);

        Meeting read = meetingRows.read(UUID.fromString(meetingId)).await().indefinitely();

        assertThat(read).usingRecursiveComparison().ignoringFieldsMatchingRegexes("\\$\\$_hibernate.*")
                .isEqualTo(read(meetingId));
        assertThat(read.confirmed).isEqualTo(2);
        assertThat(read.themes).isNotEmpty();
        assertThat(meetingRows.read(UUID.randomUUID()).await().indefinitely()).isNull();
    }

    private String meeting(int seats) throws Exception {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Meetings.plan(publisher);
        }
        return Meetings.schedule("regione", planId, Meetings.body(seats, Meetings.BARI, null)).statusCode(201)
                .extract().path("id");
    }

    private long version(String meetingId) {
        return Jdbc.count(database, "SELECT version FROM meeting WHERE id = ?::uuid", meetingId);
    }

    private static Meeting read(String meetingId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> Meeting.<Meeting>findById(UUID.fromString(meetingId))));
    }

    /**
     * A request that read the service's clock before the closing instant, then waited past it (here: read a day ago),
     * is refused, as the transaction that read its clock after the lock refused it.
     */
    @Test
    void aRegistrationStillWaitingWhenRegistrationsCloseGetsNothingWritten() throws Throwable {
        String meetingId = meeting(5);
        Meeting read = read(meetingId);
        Jdbc.update(database, "UPDATE meeting SET registration_closes_at = now() - interval '1 minute'"
                + " WHERE id = ?::uuid", meetingId);

        assertThat(registrations.claimSeat(claim(read, "late", OffsetDateTime.now().minusDays(1))).await()
                .indefinitely()).isNull();

        assertThat(Jdbc.count(database, "SELECT count(*) FROM registration WHERE meeting_id = ?::uuid", meetingId))
                .isZero();
    }

    private SeatClaim claim(Meeting meeting, String person) {
        return claim(meeting, person, OffsetDateTime.now());
    }

    private SeatClaim claim(Meeting meeting, String person, OffsetDateTime at) {
        RegistrationService.Person who = new RegistrationService.Person("account-" + person + "-" + UUID.randomUUID(),
                "pseudonym-" + person, "CITIZEN");
        // The personal rows as the service makes them: notification-service's tests read this topic.
        String code = "C" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        var event = outbox.eventMadeByStatement(MeetingEvents.TOPIC, MeetingEvents.REGISTRATION_CONFIRMED);
        List<OutboxEvent> personal = notices.confirmedEvents(meeting, null, who.accountId(), code, event);
        return new SeatClaim(meeting, UUID.randomUUID(), who, code, at, event, personal.get(0), personal.get(1));
    }
}
