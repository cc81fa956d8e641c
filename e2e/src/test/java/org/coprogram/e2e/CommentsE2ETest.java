package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.coprogram.contracts.MeasureIds;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Comments through the gateway on the real platform (docs/dialogue.md): a thread on a proposal, moderation by the
 * region's moderator only, hidden comments gone from lists and counts; a comment on a meeting learned from
 * meeting-service's events; and a comment on a measure of a published plan document whose anchor follows its quote to
 * version 2, or is marked as on version 1 where the quote changed.
 */
@Tag("e2e")
class CommentsE2ETest {

    static final String DRAFT = """
            {"revision":%d,"document":{"sections":[{"key":"CONTEXT","text":"Il contesto del piano."}],
             "measures":[{"code":"M1","title":"Assistenza domiciliare","description":"%s","theme":"anziani",
              "priority":"HIGH","scope":{"level":"REGION","codes":[]},
              "resources":[{"source":"FNPS","year":2026,"amount":1000.00}]}]}}""";

    @Test
    void peopleDiscussAProposalAMeetingAndAMeasureWhoseAnchorFollowsTheTextAcrossVersions() throws Exception {
        String staff = Tokens.of("regione");
        String citizen = Tokens.of("cittadino");
        String ets = Tokens.of("ets");
        String planId = ConsultationFlowE2ETest.openPlan();
        String proposal = Consultation.createdOnceInConsultation(() -> Consultation.send("POST",
                "/api/plans/" + planId + "/proposals", Consultation.PROPOSAL, citizen));

        // A thread on the proposal: one level of replies.
        String top = created(Consultation.send("POST", "/api/proposals/" + proposal + "/comments",
                "{\"body\":\"Serve anche nei comuni piccoli.\"}", citizen));
        String reply = created(Consultation.send("POST", "/api/proposals/" + proposal + "/comments",
                "{\"body\":\"Con mezzi attrezzati per le carrozzine.\",\"parentId\":\"" + top + "\"}", ets));
        HttpResponse<String> deeper = Consultation.send("POST", "/api/proposals/" + proposal + "/comments",
                "{\"body\":\"Risposta alla risposta\",\"parentId\":\"" + reply + "\"}", citizen);
        Consultation.expect(deeper, 422);
        Consultation.expect(Consultation.send("POST", "/api/proposals/" + proposal + "/comments",
                "{\"body\":\"Anonimo\"}", null), 401);

        // Only the region's own moderator hides, with a reason; the hidden reply leaves lists and counts.
        String hide = "{\"action\":\"HIDE\",\"reason\":\"Prova di moderazione\"}";
        Consultation.expect(Consultation.send("POST", "/api/comments/" + reply + "/moderation", hide,
                Tokens.of("moderatore-abruzzo")), 403);
        Consultation.expect(Consultation.send("POST", "/api/comments/" + reply + "/moderation", hide, staff), 403);
        Consultation.expect(Consultation.send("POST", "/api/comments/" + reply + "/moderation", hide,
                Tokens.of("moderatore")), 200);
        JsonNode thread = Consultation.json(Consultation.send("GET", "/api/proposals/" + proposal + "/comments",
                null, null));
        assertThat(thread.path("total").asInt()).isEqualTo(1);
        assertThat(thread.path("items").get(0).path("replies").size()).isZero();
        assertThat(thread.toString()).doesNotContain("carrozzine");
        assertThat(Consultation.json(Consultation.send("GET", "/api/proposals/" + proposal, null, null))
                .path("comments").asInt()).isEqualTo(1);

        // A meeting: proposal-service learns it from meeting-service's event.
        String meeting = Consultation.createdOnceInConsultation(() -> Consultation.send("POST",
                "/api/plans/" + planId + "/meetings", Consultation.MEETING, Tokens.of("ambito")));
        String onMeeting = await("the meeting known to proposal-service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Consultation.send("POST", "/api/meetings/" + meeting + "/comments",
                        "{\"body\":\"Ci sarà l'interprete LIS?\"}", citizen), r -> r.statusCode() != 404)
                .body();
        assertThat(onMeeting).contains("\"targetType\":\"MEETING\"");
        assertThat(Consultation.json(Consultation.send("GET",
                "/api/comments/counts?targetType=MEETING&ids=" + meeting, null, null)).path("counts").path(meeting)
                .asInt()).isEqualTo(1);

        // A measure of the published plan document: anchors on version 1.
        String v1 = "Il servizio raggiunge 500 anziani entro il 2027, in ogni ambito.";
        Consultation.expect(Consultation.send("PUT", "/api/plans/" + planId + "/document/draft",
                DRAFT.formatted(0, v1), staff), 200);
        Consultation.expect(Consultation.send("POST", "/api/plans/" + planId + "/document/versions",
                "{\"note\":\"Prima stesura\"}", staff), 201);
        String measure = MeasureIds.of(UUID.fromString(planId), "M1").toString();
        String follows = await("the measure known to proposal-service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Consultation.send("POST", "/api/measures/" + measure + "/comments",
                        "{\"body\":\"Sono pochi.\",\"anchor\":{\"version\":1,\"exact\":\"500 anziani\","
                                + "\"prefix\":\"raggiunge \",\"suffix\":\" entro\"}}",
                        citizen), r -> r.statusCode() != 404)
                .body();
        String followsId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(follows).path("id").asText();
        String stays = created(Consultation.send("POST", "/api/measures/" + measure + "/comments",
                "{\"body\":\"È tardi.\",\"anchor\":{\"version\":1,\"exact\":\"entro il 2027\"}}", ets));
        Consultation.expect(Consultation.send("POST", "/api/measures/" + measure + "/comments",
                "{\"body\":\"Non c'è.\",\"anchor\":{\"version\":1,\"exact\":\"mille anziani\"}}", ets), 422);

        // Version 2 moves one quote and changes the other.
        String v2 = "In ogni ambito, entro il 2028, il servizio raggiunge 500 anziani.";
        Consultation.expect(Consultation.send("PUT", "/api/plans/" + planId + "/document/draft",
                DRAFT.formatted(1, v2), staff), 200);
        Consultation.expect(Consultation.send("POST", "/api/plans/" + planId + "/document/versions",
                "{\"note\":\"Seconda stesura\"}", staff), 201);
        JsonNode comments = await("the anchors resolved against version 2").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Consultation.json(Consultation.send("GET", "/api/measures/" + measure + "/comments",
                        null, null)), json -> anchor(json, followsId).path("version").asInt() == 2);
        assertThat(anchor(comments, followsId).path("status").asText()).isEqualTo("CURRENT");
        assertThat(anchor(comments, followsId).path("start").asInt()).isEqualTo(v2.indexOf("500 anziani"));
        assertThat(anchor(comments, stays).path("status").asText()).isEqualTo("EARLIER_VERSION");
        assertThat(anchor(comments, stays).path("version").asInt()).isEqualTo(1);
    }

    private static JsonNode anchor(JsonNode page, String id) {
        for (JsonNode item : page.path("items")) {
            if (id.equals(item.path("id").asText())) {
                return item.path("anchorResolution");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String created(HttpResponse<String> response) throws Exception {
        Consultation.expect(response, 201);
        return Consultation.json(response).path("id").asText();
    }
}
