package org.coprogram.gateway.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.coprogram.gateway.proxy.Upstreams;
import org.coprogram.testing.TestNamespace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class PortalRoutesTest {

    @Test
    void thePortalPageIsServedInItalianWithAPolicyThatAllowsOnlyThisOriginAndKeycloak() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"it\">")).header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self' http://127.0.0.1:8180;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void theLoginSettingsNameKeycloaksRealmAndThePublicClient() {
        given().get("/portal/config.json").then().statusCode(200).contentType("application/json")
                .body("authority", equalTo(TestNamespace.realmUrl()))
                .body("clientId", equalTo("coprogram-portal"));
    }

    @Test
    void apiAnswersCarryNoPortalPolicy() {
        given().get("/api/plans/not-a-uuid/proposals").then().header("Content-Security-Policy", nullValue())
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
