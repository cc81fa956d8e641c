package org.coprogram.meeting.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.coprogram.meeting.meeting.MeetingEvents;
import org.coprogram.meeting.meeting.Meetings;
import org.coprogram.meeting.meeting.OnSharedPlan;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A retried schedule or registration with the same Idempotency-Key gets the first answer, never a second meeting or a
 * second event. The keys live in the service's database (table idempotency_key), not in memory, so the same holds for
 * a retry that reaches the service after a restart or reaches another replica.
 */
@Tag("service")
@QuarkusTest
class IdempotentMeetingCreatesTest extends OnSharedPlan {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void retriedScheduleWithSameKeyGivesFirstAnswerOneMeetingAndOneEvent() {
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(MeetingEvents.TOPIC)) {
            ExtractableResponse<Response> first = schedule("ambito", key, body(title, 30));
            ExtractableResponse<Response> retry = schedule("ambito", key, body(title, 30));

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
            assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(meetingsTitled(title)).isEqualTo(1);
            String id = first.path("id");
            assertThat(topic.await(TopicReader.ofType(MeetingEvents.SCHEDULED, id), 1, WAIT, database)).hasSize(1);
        }
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        schedule("ambito", key, body(title, 30));

        as("ambito").header("Idempotency-Key", key).body(body(title, 40)).post("/api/plans/" + plan + "/meetings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Idempotency-Key già usata"));
        assertThat(meetingsTitled(title)).isEqualTo(1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM meeting WHERE title = ? AND capacity = 40", title))
                .isZero();
    }

    @Test
    void anotherPersonsSameKeyIsAnotherKeyAndNoKeyCreatesAsBefore() {
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        String mine = schedule("ambito", key, body(title, 30)).path("id");
        ExtractableResponse<Response> theirs = schedule("regione", key, body(title, 30));
        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.<String>path("id")).isNotEqualTo(mine);

        String plain = uniqueTitle();
        Meetings.schedule("ambito", plan, body(plain, 30)).statusCode(201);
        Meetings.schedule("ambito", plan, body(plain, 30)).statusCode(201);
        assertThat(meetingsTitled(title)).isEqualTo(2);
        assertThat(meetingsTitled(plain)).isEqualTo(2);
    }

    @Test
    void retriedRegistrationWithSameKeyGivesFirstAnswerAndOneEvent() {
        String meeting = schedule("ambito", UUID.randomUUID().toString(), body(uniqueTitle(), 30)).path("id");
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(MeetingEvents.TOPIC)) {
            ExtractableResponse<Response> first = register("cittadino", key, meeting);
            ExtractableResponse<Response> retry = register("cittadino", key, meeting);

            assertThat(first.statusCode()).isEqualTo(201);
            // Without the key a repeated registration answers 200 with the same registration; with it, the first 201.
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(retry.<String>path("code")).isEqualTo(first.path("code"));
            assertThat(Jdbc.count(database, "SELECT count(*) FROM registration WHERE meeting_id = ?",
                    UUID.fromString(meeting))).isEqualTo(1);
            assertThat(topic.await(TopicReader.ofType(MeetingEvents.REGISTRATION_CONFIRMED, meeting), 1, WAIT,
                    database)).hasSize(1);
        }
    }

    private ExtractableResponse<Response> schedule(String user, String key, String body) {
        return as(user).header("Idempotency-Key", key).body(body).post("/api/plans/" + plan + "/meetings").then()
                .extract();
    }

    private static ExtractableResponse<Response> register(String user, String key, String meeting) {
        return given().auth().oauth2(Tokens.of(user)).header("Idempotency-Key", key)
                .post("/api/meetings/" + meeting + "/registrations").then().extract();
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
    }

    private static String body(String title, int capacity) {
        return Meetings.body(capacity, Meetings.BARI, null).replace("Incontro territoriale di prova", title);
    }

    private long meetingsTitled(String title) {
        return Jdbc.count(database, "SELECT count(*) FROM meeting WHERE title = ?", title);
    }

    private static String uniqueTitle() {
        return "Incontro ritentato " + UUID.randomUUID().toString().substring(0, 8);
    }
}
