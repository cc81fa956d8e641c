package org.coprogram.meeting.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.meeting.meeting.MeetingEvents;
import org.coprogram.meeting.meeting.Meetings;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@Tag("service")
@QuarkusTest
class RegistrationConcurrencyTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    DataSource database;

    /**
     * Three people per seat, all at once: 75 concurrent registrations for a reactive pool of 20 connections, so they
     * queue and race for the last seats and the waitlist positions. 300 people for 100 seats proved nothing more.
     */
    static final int SEATS = 25;
    static final int PEOPLE = 3 * SEATS;
    static final int WAITING = PEOPLE - SEATS;

    @Test
    void threeTimesMorePeopleThanSeatsAtOnceThenTenCancellationsPromoteInOrder() throws Exception {
        List<String> tokens = TestUsers.tokens("participant", PEOPLE);
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Meetings.plan(publisher);
        }
        try (TopicReader topic = TopicReader.fromNow(MeetingEvents.TOPIC)) {
            String meetingId = Meetings.schedule("regione", planId, Meetings.body(SEATS, Meetings.BARI, null))
                    .statusCode(201).extract().path("id");
            List<CompletableFuture<HttpResponse<String>>> requests = tokens.stream()
                    .map(token -> HTTP.sendAsync(request("POST", meetingId, token),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList();
            List<JsonNode> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> request : requests) {
                HttpResponse<String> response = request.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                answers.add(JSON.readTree(response.body()));
            }
            assertThat(answers.stream().filter(a -> a.path("status").asText().equals("CONFIRMED"))).hasSize(SEATS);
            assertThat(answers.stream().filter(a -> a.path("status").asText().equals("WAITLISTED"))
                    .map(a -> a.path("waitlistPosition").asInt()).sorted().toList())
                    .isEqualTo(IntStream.rangeClosed(1, WAITING).boxed().toList());

            // Ten confirmed people cancel: waitlist positions 1..10 are promoted, in order.
            Map<Integer, String> waitingByPosition = IntStream.range(0, PEOPLE).filter(
                    i -> answers.get(i).path("status").asText().equals("WAITLISTED")).boxed()
                    .collect(Collectors.toMap(i -> answers.get(i).path("waitlistPosition").asInt(), tokens::get));
            List<String> confirmed = IntStream.range(0, PEOPLE)
                    .filter(i -> answers.get(i).path("status").asText().equals("CONFIRMED")).mapToObj(tokens::get)
                    .toList();
            for (int i = 0; i < 10; i++) {
                assertThat(HTTP.send(request("DELETE", meetingId + "/registrations/me", confirmed.get(i)),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
                assertThat(mine(meetingId, waitingByPosition.get(i + 1)).path("status").asText())
                        .as("waitlist position %d promoted after cancellation %d", i + 1, i + 1).isEqualTo("CONFIRMED");
                assertThat(mine(meetingId, waitingByPosition.get(i + 2)).path("waitlistPosition").asInt()).isEqualTo(1);
            }
            assertThat(mine(meetingId, waitingByPosition.get(WAITING)).path("waitlistPosition").asInt())
                    .isEqualTo(WAITING - 10);

            assertThat(query("SELECT confirmed FROM meeting WHERE id = ?", meetingId)).isEqualTo(SEATS);
            assertThat(
                    query("SELECT count(*) FROM registration WHERE meeting_id = ? AND status = 'CONFIRMED'", meetingId))
                    .isEqualTo(SEATS);
            assertThat(query("SELECT count(*) FROM registration WHERE meeting_id = ? AND status = 'WAITLISTED'",
                    meetingId)).isEqualTo(WAITING - 10);
            assertThat(
                    query("SELECT count(*) FROM registration WHERE meeting_id = ? AND status = 'CANCELLED'", meetingId))
                    .isEqualTo(10);

            List<ConsumerRecord<String, String>> events = topic.await(r -> meetingId.equals(r.key()),
                    1 + SEATS + WAITING + 10 + 10,
                    Duration.ofSeconds(60), database);
            Map<String, Long> byType = events.stream()
                    .collect(Collectors.groupingBy(r -> TopicReader.header(r, "ce_type"), Collectors.counting()));
            assertThat(byType).isEqualTo(Map.of(MeetingEvents.SCHEDULED, 1L, MeetingEvents.REGISTRATION_CONFIRMED,
                    (long) SEATS,
                    MeetingEvents.REGISTRATION_WAITLISTED, (long) WAITING, MeetingEvents.REGISTRATION_CANCELLED, 10L,
                    MeetingEvents.REGISTRATION_PROMOTED, 10L));
            assertThat(events)
                    .allSatisfy(e -> assertThat(e.value()).doesNotContain("participant-", "@test.coprogram"));
        }
    }

    @Test
    void registeringTwiceKeepsOneRegistration() throws Exception {
        List<String> tokens = TestUsers.tokens("meeting-twice", 1);
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Meetings.plan(publisher);
        }
        String meetingId = Meetings.schedule("regione", planId, Meetings.body(5, Meetings.BARI, null))
                .statusCode(201).extract().path("id");
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : List.of(
                HTTP.sendAsync(request("POST", meetingId, tokens.get(0)), HttpResponse.BodyHandlers.ofString()),
                HTTP.sendAsync(request("POST", meetingId, tokens.get(0)), HttpResponse.BodyHandlers.ofString()))) {
            responses.add(f.get());
        }
        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 200);
        assertThat(JSON.readTree(responses.get(0).body()).path("code").asText())
                .isEqualTo(JSON.readTree(responses.get(1).body()).path("code").asText());
        assertThat(query("SELECT confirmed FROM meeting WHERE id = ?", meetingId)).isEqualTo(1);
    }

    private static JsonNode mine(String meetingId, String token) throws Exception {
        return JSON.readTree(HTTP.send(request("GET", meetingId + "/registrations/me", token),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpRequest request(String method, String path, String token) {
        String target = path.contains("/") ? path : path + "/registrations";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/meetings/" + target))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private long query(String sql, Object... parameters) {
        return Jdbc.count(database, sql, parameters);
    }
}
