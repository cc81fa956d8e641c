package org.coprogram.synthesis.plan;

import static io.restassured.RestAssured.given;

import org.coprogram.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Plans created and moved through the API, for the tests of what hangs off a plan. */
public final class Plans {

    public static final String PUGLIA = """
            {"region":"puglia","title":"Piano di prova","periodStart":"2026-01-01","periodEnd":"2028-12-31",
             "themes":[{"code":"poverta","label":"Povertà e inclusione"},{"code":"anziani","label":"Anziani"}],
             "leps":[]}""";

    public static final String DGR = """
            {"resolutionNumber":"DGR 1234/2026","resolutionDate":"2026-03-10","documentUrl":"https://example.org/dgr-1234.pdf"}""";

    private Plans() {
    }

    public static ValidatableResponse adopt(String user, String planId, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/plans/" + planId + "/adoption").then();
    }

    /** A Puglia plan moved to {@code phase} by region staff. */
    public static String pugliaIn(String phase) {
        String id = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(PUGLIA)
                .post("/api/plans").then().statusCode(201).extract().path("id");
        if (!phase.equals("DRAFT")) {
            given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                    .body("{\"phase\":\"" + phase + "\"}").post("/api/plans/" + id + "/phase").then().statusCode(200);
        }
        return id;
    }
}
