package org.coprogram.proposal.organization;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.coprogram.proposal.Proposals;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** A comment speaks for an organisation only with the caller's verified claim for it, in the plan's region. */
@Tag("service")
@QuarkusTest
class OrganisationCommentTest extends PlansOfTwoRegions {

    @Test
    void aRepresentativeCommentsForTheirVerifiedOrganisationOnlyAndNobodyElseDoes() {
        String own = OrganisationRegistryTest.verified("puglia", "Cooperativa Commenti " + UUID.randomUUID());
        String other = OrganisationRegistryTest.verified("puglia", "Associazione Altri " + UUID.randomUUID());
        String rep = RegistryAccounts.newPerson("commentatore");
        OrganisationRegistryTest.addRepresentative(Tokens.of("regione"), own, rep).statusCode(201);
        String token = RegistryAccounts.freshToken(rep);
        String ownName = OrganisationRegistryTest.name(own);

        String proposal = Proposals.submit("cittadino", puglia, Proposals.body("Trasporto scolastico disabili"));
        comment(token, proposal, own).statusCode(201).body("organization", equalTo(ownName));
        comment(token, proposal, ownName).statusCode(201).body("organization", equalTo(ownName));
        comment(token, proposal, null).statusCode(201).body("organization", nullValue());
        comment(token, proposal, other).statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("Puoi commentare solo a nome della tua organizzazione verificata: " + ownName));
        comment(Tokens.of("cittadino"), proposal, own).statusCode(403);
        comment(Tokens.of("ets"), proposal, own).statusCode(403);

        // The organisation is Puglia's: on an Abruzzo plan the representative speaks for nobody.
        String abruzzese = Proposals.as("cittadino")
                .body(Proposals.body("Centro anziani a Pescara", "anziani", "068028",
                        "Un centro diurno per anziani soli nel quartiere, aperto tutto il giorno con personale formato."))
                .post("/api/plans/" + abruzzo + "/proposals").then().statusCode(201).extract().path("id");
        comment(token, abruzzese, own).statusCode(403);
    }

    private static ValidatableResponse comment(String token, String proposal, String organisation) {
        String body = organisation == null
                ? "{\"body\":\"A nome nostro\"}"
                : "{\"body\":\"A nome nostro\",\"onBehalfOfOrganization\":\"" + organisation + "\"}";
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/proposals/" + proposal + "/comments").then();
    }
}
