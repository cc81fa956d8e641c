package org.coprogram.synthesis.territory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
class TerritoryResourceTest {

    @Test
    void pugliaHasItsSixProvincesRealMunicipalitiesAndTheShippedDistricts() {
        given().get("/api/territories/puglia").then().statusCode(200)
                .body("provinces.code", equalTo(java.util.List.of("BA", "BR", "BT", "FG", "LE", "TA")))
                .body("municipalities", hasSize(257))
                .body("municipalities.find { it.istatCode == '075035' }.name", equalTo("Lecce"))
                .body("districts.find { it.code == 'BR-01' }.municipalities", hasSize(2))
                .body("districts.find { it.code == 'BA-BARI' }.population", equalTo(315933));
        given().get("/api/territories/abruzzo").then().statusCode(200).body("provinces", hasSize(4))
                .body("municipalities", hasSize(305)).body("districts.code", hasItems("ADS-20", "ADS-PESCARA"))
                .body("districts.find { it.code == 'ADS-PESCARA' }.population", equalTo(117166));
    }

    @Test
    void unknownRegionIsNotFound() {
        given().get("/api/territories/lazio").then().statusCode(404).contentType("application/problem+json");
    }
}
