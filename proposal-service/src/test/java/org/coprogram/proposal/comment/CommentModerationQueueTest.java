package org.coprogram.proposal.comment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.coprogram.contracts.Topics;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.OutboxDrain;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The moderators' queue of a plan's comments (docs/dialogue.md, "Moderazione"): flagged comments with their counts,
 * hidden ones to restore, for the moderators of the plan's region only; and public comment counts that say nothing of a
 * hidden proposal.
 */
@Tag("service")
@QuarkusTest
class CommentModerationQueueTest extends OpenPlanTest {

    private static final String TEXT = "Testo segnalato 7f3a: numero di telefono di un vicino";

    @Test
    void flaggedCommentsQueueWithTheirCountsAndLeaveItOnceAModeratorDecides() {
        UUID plan = PlanFixture.plan(publisher, "puglia", "CONSULTATION", Proposals.PROBE);
        Proposals.awaitPhase(database, plan, "CONSULTATION");
        String proposal = Proposals.submit("cittadino", plan, Proposals.body("Sportello antiviolenza di ambito"));
        String flagged = comment("cittadino", proposal, TEXT);
        String twice = comment("cittadino", proposal, "Un commento segnalato una volta sola");
        comment("ets", proposal, "Un commento che nessuno segnala");
        flag("ets", flagged, "PERSONAL_DATA");
        flag("ambito", flagged, "PERSONAL_DATA");
        flag("regione", flagged, "OFFENSIVE");
        flag("ets", twice, "SPAM");

        queue("moderatore", plan, null).statusCode(200).body("total", equalTo(2))
                .body("items.id", contains(twice, flagged))
                .body("items[1].body", equalTo(TEXT)).body("items[1].flags", equalTo(3))
                .body("items[1].openFlags", equalTo(3)).body("items[1].hidden", equalTo(false))
                .body("items[1].targetType", equalTo("PROPOSAL")).body("items[1].targetId", equalTo(proposal))
                .body("items[1].reasons.reason", contains("PERSONAL_DATA", "OFFENSIVE"))
                .body("items[1].reasons.count", contains(2, 1)).body("items[1].authorId", nullValue())
                .body("items[1].authorPseudonym", nullValue());
        queue("moderatore", plan, "HIDDEN").statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Tokens.of("moderatore")).queryParam("size", 1)
                .get("/api/plans/" + plan + "/comment-moderation-queue").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", contains(twice));

        // Hidden: it leaves the flagged list for the hidden one, where it can be restored.
        moderate("moderatore", flagged, "HIDE").statusCode(200);
        queue("moderatore", plan, null).body("total", equalTo(1)).body("items.id", contains(twice));
        queue("moderatore", plan, "HIDDEN").body("total", equalTo(1)).body("items[0].id", equalTo(flagged))
                .body("items[0].hidden", equalTo(true)).body("items[0].body", equalTo(TEXT))
                .body("items[0].openFlags", equalTo(0)).body("items[0].flags", equalTo(3));
        moderate("moderatore", flagged, "RESTORE").statusCode(200).body("status", equalTo("PUBLISHED"));
        queue("moderatore", plan, "HIDDEN").body("total", equalTo(0));

        // Kept visible: the review closes its flags without an event; a new flag brings it back. The restore above is
        // on the topic first, so the reader sees only what comes after.
        OutboxDrain.await(database);
        try (TopicReader topic = TopicReader.fromNow(Topics.PROPOSALS)) {
            moderate("moderatore", twice, "RESTORE").statusCode(200).body("status", equalTo("PUBLISHED"));
            moderate("moderatore", twice, "RESTORE").statusCode(409).contentType("application/problem+json")
                    .body("detail", equalTo("Il commento è visibile e non ha segnalazioni da esaminare"));
            queue("moderatore", plan, null).body("total", equalTo(0));
            flag("cittadino", twice, "OFF_TOPIC");
            queue("moderatore", plan, null).body("total", equalTo(1)).body("items[0].id", equalTo(twice))
                    .body("items[0].openFlags", equalTo(1)).body("items[0].flags", equalTo(2));
            comment("cittadino", proposal, "Un marcatore per chiudere la lettura");
            assertThat(topic.await(r -> proposal.equals(r.key()), 1, Duration.ofSeconds(15), database))
                    .allSatisfy(r -> assertThat(TopicReader.header(r, "ce_type")).endsWith("comment.created.v1"));
        }
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_id = ?"
                + " AND action = 'comment.restore'", twice)).isEqualTo(1);
    }

    @Test
    void onlyTheModeratorsOfThePlansRegionReadItsQueueAndOthersSeeNothing() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Trasporto per disabili"));
        String id = comment("cittadino", proposal, TEXT);
        flag("ets", id, "PERSONAL_DATA");
        moderate("moderatore", comment("cittadino", proposal, "Un commento nascosto 9c1e"), "HIDE")
                .statusCode(200);

        for (String status : new String[]{null, "HIDDEN"}) {
            given().queryParam("status", status == null ? "FLAGGED" : status)
                    .get("/api/plans/" + planId + "/comment-moderation-queue").then().statusCode(401);
            given().auth().oauth2(Tokens.ofClient("partner-demo", "partner-demo-secret"))
                    .get("/api/plans/" + planId + "/comment-moderation-queue").then().statusCode(403);
            for (String user : List.of("cittadino", "ets", "ambito", "ambito-foggia", "ambito-senza-regione",
                    "regione", "regione-abruzzo", "moderatore-abruzzo")) {
                String body = queue(user, planId, status).statusCode(403).contentType("application/problem+json")
                        .extract().asString();
                assertThat(body).doesNotContain(id, "7f3a", "9c1e");
            }
        }
        queue("moderatore", planId, null).statusCode(200)
                .body("items.find { it.id == '" + id + "' }.openFlags", equalTo(1));
        queue("moderatore", planId, "SOMETHING").statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"));
        queue("moderatore", UUID.randomUUID(), null).statusCode(404).contentType("application/problem+json");

        // An Abruzzo plan's queue is Abruzzo's moderators' only.
        UUID abruzzo = PlanFixture.plan(publisher, "abruzzo", "CONSULTATION", Proposals.PROBE);
        Proposals.awaitPhase(database, abruzzo, "CONSULTATION");
        String pescara = Proposals.as("cittadino").body(Proposals.body("Centro diurno a Pescara per anziani",
                "anziani", "068028", "Un centro diurno per anziani soli nel quartiere, con trasporto e pasti."))
                .post("/api/plans/" + abruzzo + "/proposals").then().statusCode(201).extract().path("id");
        String abruzzese = comment("cittadino", pescara, "Un commento abruzzese 51bd");
        flag("ets", abruzzese, "SPAM");
        assertThat(queue("moderatore", abruzzo, null).statusCode(403).extract().asString()).doesNotContain("51bd");
        queue("moderatore-abruzzo", abruzzo, null).statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(abruzzese));
    }

    @Test
    void keepingACommentVisibleClosesOnlyTheFlagsTheModeratorSawAndAsksAgainAboutANewerOne() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Casa rifugio per donne"));
        String id = comment("cittadino", proposal, "Un commento segnalato mentre il moderatore legge 3d1c");
        flag("ets", id, "SPAM");
        String seen = queue("moderatore", planId, null).statusCode(200)
                .extract().path("items.find { it.id == '" + id + "' }.lastFlaggedAt");
        flag("ambito", id, "OFFENSIVE");

        Proposals.as("moderatore").body("{\"action\":\"RESTORE\",\"reason\":\"Esaminato\",\"flagsSeenUntil\":\""
                + seen + "\"}").post("/api/comments/" + id + "/moderation").then().statusCode(409)
                .contentType("application/problem+json");
        queue("moderatore", planId, null).body("items.find { it.id == '" + id + "' }.openFlags", equalTo(2));

        String latest = queue("moderatore", planId, null)
                .extract().path("items.find { it.id == '" + id + "' }.lastFlaggedAt");
        Proposals.as("moderatore").body("{\"action\":\"RESTORE\",\"reason\":\"Esaminato\",\"flagsSeenUntil\":\""
                + latest + "\"}").post("/api/comments/" + id + "/moderation").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        queue("moderatore", planId, null).body("items.id", not(hasItem(id)));
    }

    @Test
    void theCountsSayNothingOfAHiddenProposalsComments() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Emporio solidale di quartiere"));
        comment("ets", proposal, "Un commento su una proposta poi nascosta");
        counts(proposal).body("counts." + proposal, equalTo(1));
        Proposals.as("moderatore").body("{\"action\":\"HIDE\",\"note\":\"Proposta duplicata\"}")
                .post("/api/proposals/" + proposal + "/moderation").then().statusCode(200);
        counts(proposal).body("counts." + proposal, equalTo(0));
        String unknown = UUID.randomUUID().toString();
        given().queryParam("targetType", "PROPOSAL").queryParam("ids", proposal + "," + unknown)
                .get("/api/comments/counts").then().statusCode(200).body("counts." + proposal, equalTo(0))
                .body("counts." + unknown, equalTo(0));
        Proposals.as("moderatore").body("{\"action\":\"RESTORE\",\"note\":\"Non era un duplicato\"}")
                .post("/api/proposals/" + proposal + "/moderation").then().statusCode(200);
        counts(proposal).body("counts." + proposal, equalTo(1));
    }

    // --- helpers

    private static String comment(String user, String proposal, String text) {
        return Proposals.as(user).body("{\"body\":\"" + text + "\"}").post("/api/proposals/" + proposal + "/comments")
                .then().statusCode(201).extract().path("id");
    }

    private static void flag(String user, String comment, String reason) {
        Proposals.as(user).body("{\"reason\":\"" + reason + "\"}").post("/api/comments/" + comment + "/flags").then()
                .statusCode(201);
    }

    private static ValidatableResponse moderate(String user, String comment, String action) {
        return Proposals.as(user).body("{\"action\":\"" + action + "\",\"reason\":\"Esaminato dal moderatore\"}")
                .post("/api/comments/" + comment + "/moderation").then();
    }

    private static ValidatableResponse queue(String user, UUID plan, String status) {
        var request = given().auth().oauth2(Tokens.of(user));
        if (status != null) {
            request = request.queryParam("status", status);
        }
        return request.get("/api/plans/" + plan + "/comment-moderation-queue").then();
    }

    private static ValidatableResponse counts(String proposal) {
        return given().queryParam("targetType", "PROPOSAL").queryParam("ids", proposal).get("/api/comments/counts")
                .then().statusCode(200);
    }
}
