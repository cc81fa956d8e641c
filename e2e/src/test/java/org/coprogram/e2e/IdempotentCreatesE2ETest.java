package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client that retries each kind of create through the gateway with the same Idempotency-Key (as after a timeout or
 * a 503 that was in fact a success) gets the first answer again: same status, same Location, same id, marked
 * {@code Idempotent-Replayed}; and the record and its event exist once. The keys are in each service's database, so a
 * retry that reaches a restarted service or another replica is answered the same way
 * ({@link IdempotentCreatesAcrossRestartsE2ETest}).
 */
@Tag("e2e")
class IdempotentCreatesE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyCreateRetriedWithItsKeyThroughTheGatewayHappensOnce() throws Exception {
        String staff = "regione";
        String citizen = "cittadino";
        String rep = "ets";
        String district = "ambito";
        try (TopicReader plans = TopicReader.fromNow(Topics.PLANS);
                TopicReader proposals = TopicReader.fromNow(Topics.PROPOSALS);
                TopicReader meetings = TopicReader.fromNow(Topics.MEETINGS);
                TopicReader synthesis = TopicReader.fromNow(Topics.SYNTHESIS)) {
            String planTitle = "Piano ritentato " + UUID.randomUUID();
            String planId = twice("/api/plans", Consultation.PLAN.replace("Piano di prova end-to-end", planTitle),
                    staff, true);
            assertOneEvent(plans, EventTypes.PLAN_CREATED, planId);
            Consultation.expect(Consultation.send("POST", "/api/plans/" + planId + "/phase",
                    "{\"phase\":\"CONSULTATION\"}", Tokens.of(staff)), 200);

            String proposalTitle = "Proposta ritentata " + UUID.randomUUID().toString().substring(0, 8);
            String proposalId = twice("/api/plans/" + planId + "/proposals",
                    Consultation.PROPOSAL.replace("Trasporto sociale per le visite mediche", proposalTitle), citizen,
                    true);
            assertOneEvent(proposals, EventTypes.PROPOSAL_SUBMITTED, proposalId);
            JsonNode listed = Consultation.json(Consultation.send("GET",
                    "/api/plans/" + planId + "/proposals?size=100", null, null));
            assertThat(listed.path("items").findValuesAsText("title")).containsOnlyOnce(proposalTitle);

            twice("/api/proposals/" + proposalId + "/supports", null, rep, false);
            assertOneEvent(proposals, EventTypes.PROPOSAL_SUPPORTED, proposalId);
            assertThat(Consultation.json(Consultation.send("GET", "/api/proposals/" + proposalId, null, null))
                    .path("supports").asInt()).isEqualTo(1);

            twice("/api/proposals/" + proposalId + "/flags", "{\"reason\":\"SPAM\"}", rep, false);
            assertOneEvent(proposals, EventTypes.PROPOSAL_FLAGGED, proposalId);

            String surveyId = twice("/api/plans/" + planId + "/surveys", Consultation.SURVEY, staff, true);
            assertThat(surveyId).isNotBlank();

            String meetingId = twice("/api/plans/" + planId + "/meetings", Consultation.meeting(30), district, true);
            assertOneEvent(meetings, EventTypes.MEETING_SCHEDULED, meetingId);

            twice("/api/meetings/" + meetingId + "/registrations", null, citizen, false);
            assertOneEvent(meetings, EventTypes.MEETING_REGISTRATION_CONFIRMED, meetingId);
            assertThat(Consultation.json(Consultation.send("GET", "/api/meetings/" + meetingId, null, null))
                    .path("confirmed").asInt()).isEqualTo(1);

            String indicatorName = "Indicatore ritentato " + UUID.randomUUID().toString().substring(0, 8);
            String indicatorId = twice("/api/plans/" + planId + "/indicators", """
                    {"name":"%s","unit":"persone","baseline":5,"target":9,"direction":"INCREASE"}"""
                    .formatted(indicatorName), staff, true);
            assertOneEvent(synthesis, EventTypes.INDICATOR_DEFINED, indicatorId);
            JsonNode indicators = Consultation.json(Consultation.send("GET",
                    "/api/plans/" + planId + "/indicators", null, null));
            assertThat(indicators.findValuesAsText("name")).containsOnlyOnce(indicatorName);
        }
    }

    /**
     * Sends the create until the service has learnt of the plan, then once more with the same key: both answers must be
     * the same 201. The created id, if any.
     */
    private static String twice(String path, String body, String user, boolean locates) throws Exception {
        KeyedRequest request = KeyedRequest.post(path, body, user);
        HttpResponse<String> first = request.sendOnceThePlanIsKnown(201);
        request.assertRetryReplays(first);
        return locates ? KeyedRequest.createdId(first) : null;
    }

    private static void assertOneEvent(TopicReader topic, String type, String subject) {
        assertThat(Relayed.matching(topic, TopicReader.ofType(type, subject), 1, WAIT)).as(type + " " + subject)
                .hasSize(1);
    }
}
