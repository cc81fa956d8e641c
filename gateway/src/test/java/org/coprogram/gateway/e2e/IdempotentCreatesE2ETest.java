package org.coprogram.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client that retries each kind of create through the gateway with the same Idempotency-Key (as after a timeout or
 * a 503 that was in fact a success) gets the first answer again: same status, same Location, same id, marked
 * {@code Idempotent-Replayed}; and the record and its event exist once. The keys are in each service's database, so a
 * retry that reaches a restarted service or another replica is answered the same way.
 */
@Tag("e2e")
class IdempotentCreatesE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final String PLANS = "coprogram.plans";
    private static final String PROPOSALS = "coprogram.proposals";
    private static final String MEETINGS = "coprogram.meetings";
    private static final String SYNTHESIS = "coprogram.synthesis";

    @Test
    void everyCreateRetriedWithItsKeyThroughTheGatewayHappensOnce() throws Exception {
        String staff = Tokens.of("regione");
        String citizen = Tokens.of("cittadino");
        String rep = Tokens.of("ets");
        String district = Tokens.of("ambito");
        try (TopicReader plans = TopicReader.fromNow(PLANS);
                TopicReader proposals = TopicReader.fromNow(PROPOSALS);
                TopicReader meetings = TopicReader.fromNow(MEETINGS);
                TopicReader synthesis = TopicReader.fromNow(SYNTHESIS)) {
            String planTitle = "Piano ritentato " + UUID.randomUUID();
            String planId = twice("/api/plans", Consultation.PLAN.replace("Piano di prova end-to-end", planTitle),
                    staff, true);
            assertOneEvent(plans, "org.coprogram.plan.created.v1", planId);
            Consultation.expect(Consultation.send("POST", "/api/plans/" + planId + "/phase",
                    "{\"phase\":\"CONSULTATION\"}", staff), 200);

            String proposalTitle = "Proposta ritentata " + UUID.randomUUID().toString().substring(0, 8);
            String proposalId = twice("/api/plans/" + planId + "/proposals",
                    Consultation.PROPOSAL.replace("Trasporto sociale per le visite mediche", proposalTitle), citizen,
                    true);
            assertOneEvent(proposals, "org.coprogram.proposal.submitted.v1", proposalId);
            JsonNode listed = Consultation.json(Consultation.send("GET",
                    "/api/plans/" + planId + "/proposals?size=100", null, null));
            assertThat(listed.path("items").findValuesAsText("title")).containsOnlyOnce(proposalTitle);

            twice("/api/proposals/" + proposalId + "/supports", null, rep, false);
            assertOneEvent(proposals, "org.coprogram.proposal.supported.v1", proposalId);
            assertThat(Consultation.json(Consultation.send("GET", "/api/proposals/" + proposalId, null, null))
                    .path("supports").asInt()).isEqualTo(1);

            twice("/api/proposals/" + proposalId + "/flags", "{\"reason\":\"SPAM\"}", rep, false);
            assertOneEvent(proposals, "org.coprogram.proposal.flagged.v1", proposalId);

            String surveyId = twice("/api/plans/" + planId + "/surveys", Consultation.SURVEY, staff, true);
            assertThat(surveyId).isNotBlank();

            String meetingId = twice("/api/plans/" + planId + "/meetings", Consultation.meeting(30), district, true);
            assertOneEvent(meetings, "org.coprogram.meeting.scheduled.v1", meetingId);

            twice("/api/meetings/" + meetingId + "/registrations", null, citizen, false);
            assertOneEvent(meetings, "org.coprogram.meeting.registration-confirmed.v1", meetingId);
            assertThat(Consultation.json(Consultation.send("GET", "/api/meetings/" + meetingId, null, null))
                    .path("confirmed").asInt()).isEqualTo(1);

            String indicatorName = "Indicatore ritentato " + UUID.randomUUID().toString().substring(0, 8);
            String indicatorId = twice("/api/plans/" + planId + "/indicators", """
                    {"name":"%s","unit":"persone","baseline":5,"target":9,"direction":"INCREASE"}"""
                    .formatted(indicatorName), staff, true);
            assertOneEvent(synthesis, "org.coprogram.indicator.defined.v1", indicatorId);
            JsonNode indicators = Consultation.json(Consultation.send("GET",
                    "/api/plans/" + planId + "/indicators", null, null));
            assertThat(indicators.findValuesAsText("name")).containsOnlyOnce(indicatorName);
        }
    }

    /**
     * Sends the create until the service has learnt of the plan (404 or 409 before that: a failed create leaves its
     * key free), then once more with the same key; both answers must be the same 2xx. The created id, if any.
     */
    private static String twice(String path, String body, String token, boolean locates) throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> first = await(path + " accepted once the service knows the plan")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Consultation.send("POST", path, body, token, key),
                        answer -> answer.statusCode() != 404 && answer.statusCode() != 409);
        HttpResponse<String> retry = Consultation.send("POST", path, body, token, key);

        assertThat(first.statusCode()).as(path + " " + first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(path + " " + retry.body()).isEqualTo(first.statusCode());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).as(path).contains("true");
        assertThat(retry.headers().firstValue("Location")).as(path).isEqualTo(first.headers().firstValue("Location"));
        assertThat(Consultation.json(retry)).as(path).isEqualTo(Consultation.json(first));
        if (!locates) {
            return null;
        }
        String id = Consultation.json(first).path("id").asText();
        assertThat(first.headers().firstValue("Location")).as(path).hasValueSatisfying(l -> l.endsWith("/" + id));
        return id;
    }

    private static void assertOneEvent(TopicReader topic, String type, String subject) {
        assertThat(topic.await(TopicReader.ofType(type, subject), 1, WAIT, SETTLE)).as(type + " " + subject)
                .hasSize(1);
    }
}
