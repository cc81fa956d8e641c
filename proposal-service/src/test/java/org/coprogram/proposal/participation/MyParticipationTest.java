package org.coprogram.proposal.participation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code supportedByMe} for signed-in and anonymous readers, and "La mia partecipazione" (/api/me/proposals,
 * /api/me/supports, /api/me/comments): each person gets their own, never another's.
 */
@Tag("service")
@QuarkusTest
class MyParticipationTest extends OpenPlanTest {

    @Test
    void supportedByMeIsTrueOnlyForTheSupporterAndAbsentForAnonymousReaders() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Orti sociali per gli anziani"));
        Proposals.as("ets").post("/api/proposals/" + id + "/supports").then().statusCode(201);

        Proposals.get("ets", id).statusCode(200).body("supportedByMe", equalTo(true));
        Proposals.get("cittadino", id).statusCode(200).body("supportedByMe", equalTo(false));
        Proposals.get(null, id).statusCode(200).body("$", not(org.hamcrest.Matchers.hasKey("supportedByMe")));

        String list = "/api/plans/" + planId + "/proposals?size=100";
        Proposals.as("ets").get(list).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.supportedByMe", equalTo(true))
                .body("items.supportedByMe", everyItem(org.hamcrest.Matchers.notNullValue()));
        Proposals.as("cittadino").get(list).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.supportedByMe", equalTo(false));
        given().get(list).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.supportedByMe", nullValue());

        Proposals.as("ets").delete("/api/proposals/" + id + "/supports").then().statusCode(200);
        Proposals.get("ets", id).body("supportedByMe", equalTo(false));
    }

    @Test
    void myProposalsAndMySupportsAreOnlyTheCallersOwn() {
        String mine = Proposals.submit("cittadino", planId, Proposals.body("Ludoteca di quartiere"));
        String theirs = Proposals.submit("ets", planId, Proposals.body("Doposcuola solidale"));
        Proposals.as("cittadino").post("/api/proposals/" + theirs + "/supports").then().statusCode(201);

        Proposals.as("cittadino").get("/api/me/proposals?size=100").then().statusCode(200)
                .body("items.id", hasItem(mine)).body("items.id", not(hasItem(theirs)));
        Proposals.as("ets").get("/api/me/proposals?size=100").then().statusCode(200)
                .body("items.id", hasItem(theirs)).body("items.id", not(hasItem(mine)));

        Proposals.as("cittadino").get("/api/me/supports?size=100").then().statusCode(200)
                .body("items.id", hasItem(theirs)).body("items.supportedByMe", everyItem(equalTo(true)));
        Proposals.as("ets").get("/api/me/supports?size=100").then().statusCode(200)
                .body("items.id", not(hasItem(theirs)));

        given().get("/api/me/proposals").then().statusCode(401);
        given().get("/api/me/supports").then().statusCode(401);
    }

    @Test
    void myProposalsArePagedNewestFirst() {
        String first = Proposals.submit("cittadino", planId, Proposals.body("Prima proposta della pagina"));
        String second = Proposals.submit("cittadino", planId, Proposals.body("Seconda proposta della pagina"));
        Proposals.as("cittadino").get("/api/me/proposals?size=1&page=0").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(second))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        Proposals.as("cittadino").get("/api/me/proposals?size=1&page=1").then().statusCode(200)
                .body("items[0].id", equalTo(first));
    }

    @Test
    void myCommentsAreOnlyTheCallersOwnWithTheirStateAndNoTextOnceDeleted() {
        String proposal = Proposals.submit("ets", planId, Proposals.body("Centro diurno per adolescenti"));
        String kept = comment("cittadino", proposal, "Serve anche il sabato");
        String hidden = comment("cittadino", proposal, "Un testo che la moderazione nasconde");
        String deleted = comment("cittadino", proposal, "Un testo che poi cancello");
        String theirs = comment("ets", proposal, "Commento di un altro");
        Proposals.as("cittadino").delete("/api/comments/" + deleted).then().statusCode(204);
        Proposals.as("moderatore").body("{\"action\":\"HIDE\",\"reason\":\"Fuori tema\"}")
                .post("/api/comments/" + hidden + "/moderation").then().statusCode(200);

        String mine = "/api/me/comments?size=100";
        Proposals.as("cittadino").get(mine).then().statusCode(200)
                .body("items.id", hasItem(kept)).body("items.id", not(hasItem(theirs)))
                .body("items.find { it.id == '" + kept + "' }.state", equalTo("PUBLISHED"))
                .body("items.find { it.id == '" + kept + "' }.targetId", equalTo(proposal))
                .body("items.find { it.id == '" + hidden + "' }.state", equalTo("HIDDEN"))
                .body("items.find { it.id == '" + hidden + "' }.body", equalTo("Un testo che la moderazione nasconde"))
                .body("items.find { it.id == '" + deleted + "' }.state", equalTo("DELETED"))
                .body("items.find { it.id == '" + deleted + "' }.body", nullValue())
                .body("items[0].id", equalTo(deleted))
                .body("items", everyItem(not(org.hamcrest.Matchers.hasKey("authorId"))));
        Proposals.as("ets").get(mine).then().statusCode(200).body("items.id", hasItem(theirs))
                .body("items.id", not(hasItem(kept))).body("items.id", not(hasItem(hidden)));
        given().get("/api/me/comments").then().statusCode(401).contentType("application/problem+json");
        Proposals.as("cittadino").get("/api/me/comments?size=101").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static String comment(String user, String proposal, String text) {
        return Proposals.as(user).body("{\"body\":\"" + text + "\"}").post("/api/proposals/" + proposal + "/comments")
                .then().statusCode(201).extract().path("id");
    }
}
