package org.coprogram.proposal.proposal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.testing.PlanFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A proposal's district is the one the plan's territory version gives its municipality (docs/territories.md): version
 * 1, the shipped composition, until synthesis-service announces another; then every proposal of the plan follows.
 */
@Tag("service")
@QuarkusTest
class ProposalTerritoryTest extends OpenPlanTest {

    static final String MODUGNO = "072027";

    @Test
    void proposalsTakeTheDistrictsOfThePlansTerritoryVersionAndFollowItsMoves() {
        String modugno = Proposals.submit("cittadino", planId, Proposals.body("Trasporto sociale a Modugno", "anziani",
                MODUGNO, "Un servizio di trasporto per le visite mediche degli anziani del comune."));
        String lecce = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno a Lecce", "anziani",
                Proposals.LECCE, "Un centro diurno per anziani soli aperto anche il sabato."));
        Proposals.get(null, modugno).statusCode(200).body("district", equalTo("BA-08"));
        Proposals.get(null, lecce).statusCode(200).body("district", equalTo("LE-06"));

        publisher.publish(PlanFixture.TOPIC, PlanFixture.territoryEvent(planId, "puglia", 7,
                Map.of("BA-BARI", List.of(Proposals.BARI, MODUGNO))));
        await("the plan's proposals placed by version 7").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "BA-BARI".equals(Proposals.get(null, modugno).extract().path("district")));
        Proposals.get(null, lecce).body("district", nullValue());
        io.restassured.RestAssured.given().get("/api/plans/" + planId + "/proposals?district=BA-BARI").then()
                .statusCode(200).body("items.id", contains(modugno));

        String after = Proposals.submit("cittadino", planId, Proposals.body("Sportello sociale a Modugno",
                "poverta", MODUGNO, "Uno sportello per orientare le famiglie tra i servizi sociali del comune."));
        Proposals.get(null, after).body("district", equalTo("BA-BARI"));
    }
}
