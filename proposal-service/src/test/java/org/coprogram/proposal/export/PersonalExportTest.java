package org.coprogram.proposal.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/me/export/proposals}: everything proposal-service holds about the caller (proposals, supports,
 * comments, flags, the audit trail of their actions) and nothing about another person active on the same proposals.
 */
@Tag("service")
@QuarkusTest
class PersonalExportTest extends OpenPlanTest {

    @Test
    void theExportHoldsTheCallersProposalsSupportsCommentsAndFlagsAndNothingOfAnotherPerson() {
        String mine = Proposals.submit("cittadino", planId, Proposals.body("Esportazione: orti della cittadina"));
        String theirs = Proposals.submit("ets", planId, Proposals.body("Esportazione: doposcuola dell'ente"));
        Proposals.as("cittadino").post("/api/proposals/" + theirs + "/supports").then().statusCode(201);
        Proposals.as("ets").post("/api/proposals/" + mine + "/supports").then().statusCode(201);
        String myComment = Proposals.as("cittadino").body("{\"body\":\"Commento della cittadina esportato\"}")
                .post("/api/proposals/" + theirs + "/comments").then().statusCode(201).extract().path("id");
        String theirComment = Proposals.as("ets").body("{\"body\":\"Commento dell'ente da non esportare\"}")
                .post("/api/proposals/" + mine + "/comments").then().statusCode(201).extract().path("id");
        Proposals.as("cittadino").body("{\"reason\":\"SPAM\",\"details\":\"segnalazione della cittadina\"}")
                .post("/api/proposals/" + theirs + "/flags").then().statusCode(201);
        Proposals.as("ets").body("{\"reason\":\"SPAM\",\"details\":\"segnalazione dell'ente\"}")
                .post("/api/proposals/" + mine + "/flags").then().statusCode(201);

        String body = given().auth().oauth2(Tokens.of("cittadino")).get("/api/me/export/proposals").then()
                .statusCode(200).contentType("application/json").extract().asString();
        JsonPath export = JsonPath.from(body);
        String account = export.getString("account");

        assertThat(export.getString("service")).isEqualTo("proposal-service");
        assertThat(export.getList("proposals.id")).contains(mine).doesNotContain(theirs);
        assertThat(export.getList("proposals.title")).contains("Esportazione: orti della cittadina");
        assertThat(export.getList("supports.proposalId")).contains(theirs).doesNotContain(mine);
        assertThat(export.getList("comments.id")).contains(myComment).doesNotContain(theirComment);
        assertThat(export.getList("flags.targetId")).contains(theirs).doesNotContain(mine);
        assertThat(export.getList("actions.targetId")).contains(mine);
        // nothing the other person wrote, under any field
        assertThat(body).doesNotContain("Commento dell'ente da non esportare", "segnalazione dell'ente",
                "Esportazione: doposcuola dell'ente\",\"body");
        String etsAccount = JsonPath.from(given().auth().oauth2(Tokens.of("ets")).get("/api/me/export/proposals")
                .then().statusCode(200).extract().asString()).getString("account");
        assertThat(etsAccount).isNotEqualTo(account);
        assertThat(body).doesNotContain(etsAccount);
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/me/export/proposals").then().statusCode(401);
    }
}
