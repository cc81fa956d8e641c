package org.coprogram.proposal.moderation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@Tag("service")
@QuarkusTest
class ModerationTest extends OpenPlanTest {

    @Test
    void thirdFlagHidesTheProposalFromThePublicButNotFromItsAuthorOrStaffUntilAModeratorRestoresIt() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        List<String> flaggers = TestUsers.tokens("participant", 3);
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            flag(flaggers.get(0), id, "SPAM", null).then().statusCode(201);
            flag(flaggers.get(1), id, "OFFENSIVE", null).then().statusCode(201);
            assertThat(visibleInPublicList(id)).isTrue();
            flag(flaggers.get(2), id, "SPAM", null).then().statusCode(201);

            assertThat(visibleInPublicList(id)).isFalse();
            given().get("/api/proposals/" + id).then().statusCode(404).contentType("application/problem+json");
            given().queryParam("q", "assistenza domiciliare").get("/api/plans/" + planId + "/proposals").then()
                    .body("items.id", not(hasItem(id)));
            Proposals.get("ets", id).statusCode(404);
            Proposals.get("cittadino", id).statusCode(200).body("visibility", equalTo("PENDING_REVIEW"));
            Proposals.get("moderatore", id).statusCode(200);
            Proposals.as("regione").get("/api/plans/" + planId + "/proposals?size=100").then()
                    .body("items.id", hasItem(id));
            Proposals.as("cittadino").get("/api/plans/" + planId + "/proposals?size=100").then()
                    .body("items.id", hasItem(id));

            Proposals.as("moderatore").get("/api/plans/" + planId + "/moderation-queue").then().statusCode(200)
                    .body("items.proposal.id", hasItem(id))
                    .body("items.find { it.proposal.id == '" + id + "' }.openFlags", equalTo(3))
                    .body("items.find { it.proposal.id == '" + id + "' }.reasons.reason",
                            contains("SPAM", "OFFENSIVE"));

            Proposals.as("moderatore").body("{\"action\":\"RESTORE\",\"note\":\"Segnalazioni infondate\"}")
                    .post("/api/proposals/" + id + "/moderation").then().statusCode(200)
                    .body("visibility", equalTo("VISIBLE"));
            assertThat(visibleInPublicList(id)).isTrue();
            Proposals.as("moderatore").get("/api/plans/" + planId + "/moderation-queue").then()
                    .body("items.proposal.id", not(hasItem(id)));

            List<ConsumerRecord<String, String>> events = topic.await(r -> id.equals(r.key()), 5,
                    Duration.ofSeconds(15), database);
            Map<String, Long> byType = events.stream()
                    .collect(Collectors.groupingBy(r -> TopicReader.header(r, "ce_type"), Collectors.counting()));
            assertThat(byType).isEqualTo(Map.of(ProposalEvents.FLAGGED, 3L, ProposalEvents.HIDDEN, 1L,
                    ProposalEvents.RESTORED, 1L));
            assertThat(events).allSatisfy(e -> assertThat(e.value()).doesNotContain("participant-",
                    "Segnalazioni infondate"));
        }
        Proposals.as("regione").get("/api/proposals/" + id + "/audit").then()
                .body("action", contains("proposal.submit", "proposal.flag", "proposal.flag", "proposal.flag",
                        "proposal.hide", "proposal.restore"))
                .body("[5].details", equalTo("Segnalazioni infondate"));
    }

    @Test
    void aPersonFlagsOnceAndReasonOtherNeedsDetails() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno per anziani soli"));
        flag(Tokens.of("ets"), id, "OTHER", null).then().statusCode(422)
                .body("violations.field", hasItem("details"));
        flag(Tokens.of("ets"), id, "RUDE", null).then().statusCode(400)
                .body("violations.field", hasItem("reason"));
        flag(Tokens.of("ets"), id, "OTHER", "Contiene il numero di telefono di una persona")
                .then().statusCode(201);
        flag(Tokens.of("ets"), id, "SPAM", null).then().statusCode(409)
                .body("detail", equalTo("Hai già segnalato questa proposta"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"SPAM\"}").post("/api/proposals/" + id + "/flags")
                .then().statusCode(401);
        assertThat(Jdbc.count(database, "SELECT flags FROM proposal WHERE id::text = ?", id)).isEqualTo(1);
    }

    @Test
    void onlyModeratorsDecideAndReadTheQueue() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Sportello sociale di quartiere"));
        String hide = "{\"action\":\"HIDE\",\"note\":\"Dati personali nel testo\"}";
        for (String user : List.of("cittadino", "ets", "regione", "ambito")) {
            Proposals.as(user).body(hide).post("/api/proposals/" + id + "/moderation").then().statusCode(403);
            Proposals.as(user).get("/api/plans/" + planId + "/moderation-queue").then().statusCode(403);
        }
        Proposals.as("moderatore").body("{\"action\":\"HIDE\"}").post("/api/proposals/" + id + "/moderation").then()
                .statusCode(400).body("violations.field", hasItem("note"));
        Proposals.as("moderatore").body("{\"action\":\"RESTORE\",\"note\":\"Nulla da ripristinare\"}")
                .post("/api/proposals/" + id + "/moderation").then().statusCode(409);
        Proposals.as("moderatore").body(hide).post("/api/proposals/" + id + "/moderation").then().statusCode(200)
                .body("visibility", equalTo("HIDDEN"));
        Proposals.as("moderatore").body(hide).post("/api/proposals/" + id + "/moderation").then().statusCode(409);
        given().get("/api/proposals/" + id).then().statusCode(404);
        Proposals.get("cittadino", id).statusCode(200).body("visibility", equalTo("HIDDEN"));
        Proposals.as("ets").post("/api/proposals/" + id + "/supports").then().statusCode(404);
    }

    private boolean visibleInPublicList(String id) {
        List<String> ids = given().queryParam("size", 100).get("/api/plans/" + planId + "/proposals").then()
                .statusCode(200).extract().path("items.id");
        return ids.contains(id);
    }

    private static io.restassured.response.Response flag(String token, String id, String reason, String details) {
        String body = details == null
                ? "{\"reason\":\"%s\"}".formatted(reason)
                : "{\"reason\":\"%s\",\"details\":\"%s\"}".formatted(reason, details);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/proposals/" + id + "/flags");
    }

    @Test
    void anotherRegionsModeratorAndStaffNeitherModerateNorSeeThisRegionsHiddenProposals() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Centri diurni per persone con demenza"));
        String hide = "{\"action\":\"HIDE\",\"note\":\"Prova tra regioni\"}";
        Proposals.as("moderatore-abruzzo").body(hide).post("/api/proposals/" + id + "/moderation").then()
                .statusCode(403).contentType("application/problem+json");
        Proposals.as("moderatore-abruzzo").get("/api/plans/" + planId + "/moderation-queue").then().statusCode(403);
        Proposals.as("moderatore").body(hide).post("/api/proposals/" + id + "/moderation").then().statusCode(200)
                .body("visibility", equalTo("HIDDEN"));

        Proposals.get("regione", id).statusCode(200);
        Proposals.get("regione-abruzzo", id).statusCode(404);
        Proposals.get("moderatore-abruzzo", id).statusCode(404);
        Proposals.as("regione-abruzzo").get("/api/plans/" + planId + "/proposals?size=100").then()
                .body("items.id", not(hasItem(id)));
        Proposals.as("regione").get("/api/plans/" + planId + "/proposals?size=100").then()
                .body("items.id", hasItem(id));
        // Not even a refusal that would tell the hidden proposal exists.
        Proposals.as("moderatore-abruzzo").body("{\"action\":\"RESTORE\",\"note\":\"Prova tra regioni\"}")
                .post("/api/proposals/" + id + "/moderation").then().statusCode(404);
        Proposals.as("regione-abruzzo")
                .body("{\"status\":\"NOT_ACCEPTED\",\"text\":\"Risposta da un'altra regione.\"}")
                .post("/api/proposals/" + id + "/answer").then().statusCode(404);
        Proposals.as("regione-abruzzo").get("/api/proposals/" + id + "/audit").then().statusCode(404)
                .contentType("application/problem+json");
        Proposals.as("regione").get("/api/proposals/" + id + "/audit").then().statusCode(200);
    }

    /** The audit trail of a visible proposal is refused to another region's staff: its existence is public. */
    @Test
    void anotherRegionsStaffIsRefusedTheTrailOfAVisibleProposal() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Trasporto sociale per le visite mediche"));
        Proposals.as("regione-abruzzo").get("/api/proposals/" + id + "/audit").then().statusCode(403)
                .contentType("application/problem+json");
    }

    /**
     * A hidden proposal is not edited: its new text would reach partners in proposal.edited while the public cannot
     * see it. Once restored, its author may edit it again.
     */
    @Test
    void theAuthorCannotEditAProposalWhileItIsHidden() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Sportello unico per le famiglie"));
        Proposals.as("moderatore").body("{\"action\":\"HIDE\",\"note\":\"Da verificare\"}")
                .post("/api/proposals/" + id + "/moderation").then().statusCode(200);
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            Proposals.as("cittadino").body(Proposals.body("Sportello unico con testo nuovo"))
                    .put("/api/proposals/" + id)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", equalTo(
                            "La proposta è nascosta dalla moderazione: non è modificabile finché non viene ripristinata"));
            assertThat(topic.await(TopicReader.ofType(ProposalEvents.EDITED, id), 0, Duration.ZERO, database))
                    .isEmpty();
        }
        Proposals.get("cittadino", id).statusCode(200).body("title", equalTo("Sportello unico per le famiglie"));

        Proposals.as("moderatore").body("{\"action\":\"RESTORE\",\"note\":\"Verificata\"}")
                .post("/api/proposals/" + id + "/moderation").then().statusCode(200);
        Proposals.as("cittadino").body(Proposals.body("Sportello unico con testo nuovo")).put("/api/proposals/" + id)
                .then().statusCode(200).body("title", equalTo("Sportello unico con testo nuovo"));
    }
}
