package org.coprogram.proposal.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Italian full-text search, filters, facets and similar-proposal hints over a plan with known proposals. */
@Tag("service")
@QuarkusTest
class ProposalSearchTest extends OpenPlanTest {

    String elderly;
    String families;
    String transport;
    String helpDesk;
    String withdrawn;

    @Override
    protected void afterPlanOpened() {
        elderly = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani",
                "anziani", Proposals.BARI, "Servizi a domicilio per l'anziano che vive solo nella città di Bari."));
        families = Proposals.submit("ets", planId, Proposals.body("Centri per le famiglie in povertà", "poverta",
                Proposals.LECCE,
                "Sostegno economico e sportelli per famiglie numerose, anche per l'università dei figli.")
                .replace("PROPOSAL", "IDEA"));
        transport = Proposals.submit("cittadino", planId, Proposals.body("Trasporto per persone con disabilità",
                "poverta", Proposals.FOGGIA,
                "Un servizio di trasporto accessibile per i disabili verso i centri diurni.")
                .replace("PROPOSAL", "REPORT"));
        helpDesk = Proposals.submit("cittadino", planId, Proposals.body("Sportello unico per la famiglia", "poverta",
                Proposals.TARANTO,
                "Uno sportello dove ogni famiglia trova orientamento sui servizi sociali del comune."));
        withdrawn = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare notturna",
                "anziani", Proposals.BARI,
                "Assistenza domiciliare anche di notte per gli anziani non autosufficienti."));
        Proposals.as("cittadino").post("/api/proposals/" + withdrawn + "/withdrawal").then().statusCode(200);
        Proposals.as("ets").post("/api/proposals/" + transport + "/supports").then().statusCode(201);
        Proposals.as("ambito").post("/api/proposals/" + transport + "/supports").then().statusCode(201);
        Proposals.as("ets").post("/api/proposals/" + helpDesk + "/supports").then().statusCode(201);
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(delimiter = '|', value = {
            "l'anziano | elderly", // elision, and singular finds plural
            "ANZIANI | elderly", // case
            "dell'anziano | elderly", // articulated preposition elided
            "famiglia | families helpDesk", // singular finds plural "famiglie"
            "disabile | transport", // singular finds "disabili"
            "poverta | families", // no accent finds "povertà"
            "città | elderly", // accent in the query
            "CITTA | elderly", // no accent in the query, accent in the text
            "universita | families",
            "per gli anziani | elderly", // stop words are not required to match
            "sportelli famiglie | families helpDesk", // plural query finds singular title
            "trasporto anziani | ", // every word must match
            "notturna | ", // withdrawn proposals are not listed
    })
    void italianSearchMatchesAcrossElisionNumberAndAccents(String query, String expected) {
        List<String> ids = search(query).extract().path("items.id");
        List<String> wanted = new ArrayList<>();
        if (expected != null) {
            for (String name : expected.split(" ")) {
                wanted.add(id(name));
            }
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(wanted);
    }

    @Test
    void aTitleMatchRanksAboveABodyMatch() {
        search("sportello").body("items.id", contains(helpDesk, families));
    }

    @Test
    void aQueryOfStopWordsOnlyFiltersNothing() {
        search("il della").body("total", equalTo(4));
    }

    @Test
    void territoryHierarchyAndAttributeFilters() {
        list("province=FG").body("items.id", contains(transport));
        list("district=TA-06").body("items.id", contains(helpDesk));
        list("municipality=072006").body("items.id", contains(elderly));
        list("kind=IDEA").body("items.id", contains(families));
        list("category=THIRD_SECTOR").body("items.id", contains(families));
        list("theme=poverta&province=LE").body("items.id", contains(families));
        list("status=WITHDRAWN").body("items.id", contains(withdrawn));
    }

    @Test
    void sortBySupportsThenRecencyWithStablePages() {
        list("sort=supports").body("items.id", contains(transport, helpDesk, families, elderly));
        list("sort=recent").body("items.id", contains(helpDesk, transport, families, elderly));
        List<String> first = list("sort=supports&size=2&page=0").body("total", equalTo(4)).extract().path("items.id");
        List<String> second = list("sort=supports&size=2&page=1").extract().path("items.id");
        assertThat(first).containsExactly(transport, helpDesk);
        assertThat(second).containsExactly(families, elderly);
        list("sort=supports&size=2&page=2").body("items", empty());
    }

    @Test
    void facetsCountEachDimensionUnderTheOtherFilters() {
        given().get("/api/plans/" + planId + "/proposals/facets?province=LE").then().statusCode(200)
                // The province facet ignores the province filter, so every province is offered.
                .body("province.value", contains("BA", "FG", "LE", "TA"))
                .body("province.count", contains(1, 1, 1, 1))
                .body("theme.value", contains("poverta")).body("theme.count", contains(1))
                .body("category.value", contains("THIRD_SECTOR"))
                .body("status.value", contains("SUBMITTED"));
        given().get("/api/plans/" + planId + "/proposals/facets?q=famiglia").then().statusCode(200)
                .body("theme.value", contains("poverta")).body("theme.count", contains(2))
                .body("kind.value", containsInAnyOrder("IDEA", "PROPOSAL"))
                .body("district.value", containsInAnyOrder("LE-06", "TA-06"));
        given().get("/api/plans/" + planId + "/proposals/facets").then().statusCode(200)
                // The status facet counts withdrawn proposals too, so the panel can offer them.
                .body("status.value", contains("SUBMITTED", "WITHDRAWN")).body("status.count", contains(4, 1))
                .body("theme.value", contains("poverta", "anziani")).body("theme.count", contains(3, 1));
    }

    @Test
    void similarProposalsSuggestTheClosestOpenOnesWithAScore() {
        given().queryParam("text", "Vorrei un'assistenza domiciliare per gli anziani soli")
                .get("/api/plans/" + planId + "/proposals/similar").then().statusCode(200)
                .body("[0].id", equalTo(elderly))
                .body("id", not(hasItem(withdrawn)))
                .body("[0].score", org.hamcrest.Matchers.greaterThan(0.0f));
        given().queryParam("text", "sportelli per la famiglia").get("/api/plans/" + planId + "/proposals/similar")
                .then().statusCode(200).body("id", contains(helpDesk, families));
        given().queryParam("text", "di per il").get("/api/plans/" + planId + "/proposals/similar").then()
                .statusCode(200).body("", empty());
    }

    @Test
    void badSearchParametersAreRefusedNamingTheParameter() {
        given().get("/api/plans/" + planId + "/proposals/similar").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("text"));
        given().queryParam("text", "anziani").queryParam("limit", 500)
                .get("/api/plans/" + planId + "/proposals/similar").then().statusCode(400)
                .body("violations.field", hasItem("limit"));
        search("a".repeat(201)).statusCode(400).body("violations.field", hasItem("q"));
        list("sort=relevance").statusCode(400).body("violations.field", hasItem("sort"));
        list("size=0").statusCode(400).body("violations.field", hasItem("size"));
        given().get("/api/plans/" + UUID.randomUUID() + "/proposals/facets").then().statusCode(404);
    }

    private ValidatableResponse search(String query) {
        return given().queryParam("q", query).get("/api/plans/" + planId + "/proposals").then();
    }

    private ValidatableResponse list(String query) {
        return given().get("/api/plans/" + planId + "/proposals?" + query).then();
    }

    private String id(String name) {
        return switch (name) {
            case "elderly" -> elderly;
            case "families" -> families;
            case "transport" -> transport;
            case "helpDesk" -> helpDesk;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
