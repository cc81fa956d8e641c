package org.coprogram.proposal.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
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
class SupportConcurrencyTest extends OpenPlanTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper EVENTS = new ObjectMapper().findAndRegisterModules();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Two requests per person, all at once: 160 concurrent requests for a reactive pool of 20 connections, so every
     * request queues behind others that change the same proposal and each person's two requests race each other.
     * That is what the lost-update and double-count races need; 250 people (500 requests) proved nothing more and
     * cost a minute of the suite.
     */
    static final int PEOPLE = 80;

    List<String> tokens;

    @Override
    protected void afterPlanOpened() {
        tokens = TestUsers.tokens("participant", PEOPLE);
    }

    @Test
    void twoConcurrentSupportsPerPersonFromManyPeopleCountEachPersonOnce() throws Exception {
        String proposalId = Proposals.submit("cittadino", planId,
                Proposals.body("Assistenza domiciliare agli anziani"));
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            List<String> twice = new ArrayList<>(tokens);
            twice.addAll(tokens);
            Collections.shuffle(twice);
            List<HttpResponse<String>> responses = sendAll(twice, "POST", proposalId);

            Map<Integer, Long> byStatus = responses.stream()
                    .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
            assertThat(byStatus).as("one 201 and one 200 per person")
                    .isEqualTo(Map.of(201, (long) PEOPLE, 200, (long) PEOPLE));
            assertThat(responses.stream().map(r -> supports(r)).max(Integer::compare)).hasValue(PEOPLE);
            assertThat(supportRows(proposalId)).isEqualTo(PEOPLE);
            assertThat(counter(proposalId)).isEqualTo(PEOPLE);
            given().get("/api/proposals/" + proposalId).then().body("supports", equalTo(PEOPLE));

            List<ConsumerRecord<String, String>> events = topic.await(TopicReader.ofType(ProposalEvents.SUPPORTED,
                    proposalId), PEOPLE, Duration.ofSeconds(60), database);
            assertThat(events).hasSize(PEOPLE);
            Set<String> supporters = events.stream().map(e -> json(e.value()).path("supporter").asText())
                    .collect(Collectors.toSet());
            assertThat(supporters).as("a distinct pseudonym per person").hasSize(PEOPLE);
            // Each event carries the count after its own change: 1..PEOPLE, each once.
            assertThat(events.stream().map(e -> json(e.value()).path("supports").asInt()).sorted().toList())
                    .isEqualTo(IntStream.rangeClosed(1, PEOPLE).boxed().toList());
            assertThat(events).allSatisfy(e -> assertThat(e.value()).doesNotContain("participant-", "@test"));
            // Written by the one-statement support (SupportRepository.addAtOnce), the event is the slow path's
            // ProposalEvents.SupportChanged: the same fields, the proposal's plan, a time the record can read.
            assertThat(events).allSatisfy(e -> {
                ProposalEvents.SupportChanged data = EVENTS.readValue(e.value(),
                        ProposalEvents.SupportChanged.class);
                assertThat(data.proposalId()).hasToString(proposalId);
                assertThat(data.planId()).isEqualTo(planId);
                assertThat(data.occurredAt()).isNotNull();
                assertThat(json(e.value()).properties()).extracting(Map.Entry::getKey)
                        .containsExactly("proposalId", "planId", "supporter", "supports", "occurredAt");
            });
        }
    }

    @Test
    void concurrentSupportsAndWithdrawalsKeepTheCountEqualToTheRows() throws Exception {
        String proposalId = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno per anziani soli"));
        List<String> people = tokens;
        sendAll(people, "POST", proposalId);
        // Half withdraw while everyone supports again and the other half withdraw twice: all at once.
        List<CompletableFuture<HttpResponse<String>>> mixed = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            mixed.add(send(people.get(i), i % 2 == 0 ? "DELETE" : "POST", proposalId));
            mixed.add(send(people.get(i), i % 2 == 0 ? "DELETE" : "POST", proposalId));
        }
        for (CompletableFuture<HttpResponse<String>> response : mixed) {
            assertThat(response.get().statusCode()).as(response.get().body()).isIn(200, 201);
        }
        assertThat(supportRows(proposalId)).isEqualTo(PEOPLE / 2);
        assertThat(counter(proposalId)).isEqualTo(PEOPLE / 2);
        assertThat(Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE subject = ? AND type = ?", proposalId,
                ProposalEvents.SUPPORT_WITHDRAWN)).isEqualTo(PEOPLE / 2);
    }

    @Test
    void repeatedSupportAnswersOkAndWithdrawingTwiceChangesNothing() {
        String proposalId = Proposals.submit("cittadino", planId, Proposals.body("Trasporto sociale per anziani"));
        String path = "/api/proposals/" + proposalId + "/supports";
        Proposals.as("ets").post(path).then().statusCode(201).body("supports", equalTo(1))
                .body("supported", equalTo(true));
        Proposals.as("ets").post(path).then().statusCode(200).body("supports", equalTo(1));
        Proposals.as("ets").delete(path).then().statusCode(200).body("supports", equalTo(0))
                .body("supported", equalTo(false));
        Proposals.as("ets").delete(path).then().statusCode(200).body("supports", equalTo(0));
        assertThat(Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE subject = ? AND type LIKE '%support%'", proposalId))
                .isEqualTo(2);
        given().post(path).then().statusCode(401).contentType("application/problem+json");
        Proposals.as("ets").post("/api/proposals/" + UUID.randomUUID() + "/supports").then().statusCode(404);
        Proposals.as("ets").post("/api/proposals/not-an-id/supports").then().statusCode(404);
    }

    @Test
    void withdrawnProposalsAndClosedConsultationsTakeNoSupports() {
        String withdrawn = Proposals.submit("cittadino", planId, Proposals.body("Sportello sociale di quartiere"));
        Proposals.as("cittadino").post("/api/proposals/" + withdrawn + "/withdrawal").then().statusCode(200);
        Proposals.as("ets").post("/api/proposals/" + withdrawn + "/supports").then().statusCode(409)
                .contentType("application/problem+json");

        UUID closing = Proposals.openPlan(publisher, database);
        String proposalId = Proposals.submit("cittadino", closing, Proposals.body("Sportello sociale di quartiere"));
        publisher.publish(PlanFixture.TOPIC, PlanFixture.planEvent(
                UUID.randomUUID(), PlanFixture.PHASE_CHANGED, closing, "puglia", "SYNTHESIS"));
        Proposals.awaitPhase(database, closing, "SYNTHESIS");
        Proposals.as("ets").post("/api/proposals/" + proposalId + "/supports").then().statusCode(409);
        assertThat(supportRows(withdrawn) + supportRows(proposalId)).isZero();
    }

    private List<HttpResponse<String>> sendAll(List<String> tokens, String method, String proposalId)
            throws Exception {
        List<CompletableFuture<HttpResponse<String>>> pending = tokens.stream()
                .map(token -> send(token, method, proposalId)).toList();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : pending) {
            responses.add(response.get());
        }
        return responses;
    }

    private static CompletableFuture<HttpResponse<String>> send(String token, String method, String proposalId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/api/proposals/" + proposalId + "/supports"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int supports(HttpResponse<String> response) {
        return json(response.body()).path("supports").asInt();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private long supportRows(String proposalId) {
        return Jdbc.count(database, "SELECT count(*) FROM support WHERE proposal_id::text = ?", proposalId);
    }

    private long counter(String proposalId) {
        return Jdbc.count(database, "SELECT supports FROM proposal WHERE id::text = ?", proposalId);
    }
}
