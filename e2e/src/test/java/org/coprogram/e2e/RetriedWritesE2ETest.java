package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clients that retry: every person sends each write three times at once (a double click, a retry after a timeout
 * that was in fact a success), through the gateway. Each still counts once: one support, one survey response (same
 * Idempotency-Key), one seat or waitlist place; and the synthesis, which counts the events it consumed, sees one
 * event per write. The responses' events are on the internal coprogram.survey-responses, none on the partner-visible
 * coprogram.surveys.
 */
@Tag("e2e")
class RetriedWritesE2ETest {

    private static final int PEOPLE = 20;
    private static final int COPIES = 3;
    private static final int SEATS = 5;
    private static final String RESPONSES = "coprogram.survey-responses";
    private static final String RESPONSE_SUBMITTED = "org.coprogram.survey.response-submitted.v1";

    @Test
    void writesSentThreeTimesAtOnceCountOnceInTheServicesAndInTheEvents() throws Exception {
        Consultation consultation = Consultation.create(Tokens.of("regione"), Tokens.of("cittadino"),
                Tokens.of("ambito"), SEATS);
        List<String> people = TestUsers.tokens("retry", PEOPLE);
        List<Callable<HttpResponse<String>>> writes = new ArrayList<>();
        for (int person = 0; person < PEOPLE; person++) {
            String token = people.get(person);
            String key = UUID.randomUUID().toString();
            String answer = "{\"answers\":{\"q\":\"" + (person % 2 == 0 ? "a" : "b") + "\"}}";
            for (int copy = 0; copy < COPIES; copy++) {
                writes.add(() -> Consultation.send("POST", "/api/proposals/" + consultation.proposalId() + "/supports",
                        null, token));
                writes.add(() -> Consultation.send("POST", "/api/surveys/" + consultation.surveyId() + "/responses",
                        answer, token, Map.of("Idempotency-Key", key)));
                writes.add(() -> Consultation.send("POST",
                        "/api/meetings/" + consultation.meetingId() + "/registrations", null, token));
            }
        }
        Collections.shuffle(writes, new Random(20261124));

        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<HttpResponse<String>> answers = new ArrayList<>();
        List<ConsumerRecord<String, String>> internal;
        List<ConsumerRecord<String, String>> partnerVisible;
        try (TopicReader responses = TopicReader.fromNow(RESPONSES);
                TopicReader surveys = TopicReader.fromNow("coprogram.surveys")) {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(writes)) {
                answers.add(answer.get());
            }
            internal = Relayed.matching(responses, TopicReader.ofType(RESPONSE_SUBMITTED, consultation.surveyId()),
                    PEOPLE, Duration.ofSeconds(60));
            partnerVisible = Relayed.matching(surveys, TopicReader.ofType(RESPONSE_SUBMITTED, consultation.surveyId()),
                    0, Duration.ZERO);
        } finally {
            pool.shutdown();
        }
        assertThat(internal.stream().map(r -> TopicReader.header(r, "ce_id")).distinct()).hasSize(PEOPLE);
        assertThat(partnerVisible).as("responses on the partner-visible coprogram.surveys").isEmpty();
        // A copy may arrive while its twin is still in flight and be told so (409); nothing else is acceptable.
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body())
                .isIn(200, 201, 409));

        JsonNode proposal = Consultation.json(
                Consultation.send("GET", "/api/proposals/" + consultation.proposalId(), null, null));
        assertThat(proposal.path("supports").asInt()).isEqualTo(PEOPLE);
        JsonNode results = Consultation.json(Consultation.send("GET",
                "/api/surveys/" + consultation.surveyId() + "/results", null, null));
        assertThat(results.path("respondents").asInt()).isEqualTo(PEOPLE);
        JsonNode meeting = Consultation.json(
                Consultation.send("GET", "/api/meetings/" + consultation.meetingId(), null, null));
        assertThat(meeting.path("confirmed").asInt()).isEqualTo(SEATS);

        Set<Integer> waitlist = new TreeSet<>();
        int confirmed = 0;
        for (String token : people) {
            JsonNode mine = Consultation.json(Consultation.send("GET",
                    "/api/meetings/" + consultation.meetingId() + "/registrations/me", null, token));
            if (mine.path("status").asText().equals("CONFIRMED")) {
                confirmed++;
            } else {
                assertThat(mine.path("status").asText()).isEqualTo("WAITLISTED");
                waitlist.add(mine.path("waitlistPosition").asInt());
            }
        }
        assertThat(confirmed).isEqualTo(SEATS);
        assertThat(waitlist).hasSize(PEOPLE - SEATS).first().isEqualTo(1);
        assertThat(waitlist).last().isEqualTo(PEOPLE - SEATS);

        // One event per write: the synthesis, which deduplicates by event id only, reaches exactly these counts.
        JsonNode totals = awaitSynthesis(consultation.planId());
        assertThat(totals.path("supports").asInt()).isEqualTo(PEOPLE);
        assertThat(totals.path("surveyResponses").asInt()).isEqualTo(PEOPLE);
    }

    /** The totals once every write is counted and they stay put for two seconds (late duplicates would show). */
    private static JsonNode awaitSynthesis(String planId) {
        JsonNode counted = await("the synthesis counts every write").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> totals(planId),
                        totals -> totals.path("supports").asInt() >= PEOPLE
                                && totals.path("surveyResponses").asInt() >= PEOPLE);
        await("no late duplicate changes the totals").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250)).until(() -> totals(planId).equals(counted));
        return counted;
    }

    private static JsonNode totals(String planId) throws Exception {
        return Consultation.json(Consultation.send("GET", "/api/plans/" + planId + "/synthesis", null, null))
                .path("totals");
    }
}
