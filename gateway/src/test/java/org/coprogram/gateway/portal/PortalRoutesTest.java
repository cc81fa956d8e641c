package org.coprogram.gateway.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

    @Test
    void everyPortalPathIsAnsweredWithTheApplicationsPageSoItCanBeSharedAndReloaded() {
        for (String path : List.of("/piani/p1", "/piani/p1/proposte", "/piani/p1/sintesi", "/proposte/x1",
                "/questionari/s1", "/territori/puglia/versioni/1", "/piani/p1/proposte/nuova", "/interventi/m1",
                "/piani/p1/documento/confronto", "/partecipazione", "/notifiche", "/notifiche/preferenze")) {
            given().get(path).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("<html lang=\"it\">")).header("Cache-Control", "no-cache")
                    .header("Content-Security-Policy", containsString("script-src 'self';"));
        }
    }

    @Test
    void apiDocumentsAndUnknownPathsNeverGetTheApplicationsPage() {
        given().get("/api/plans/p1/proposals").then().statusCode(200).contentType("application/json")
                .header("X-Upstream", equalTo("proposal"));
        given().get("/openapi.json").then().contentType(not(containsString("text/html")));
        given().get("/asyncapi.yaml").then().contentType(not(containsString("text/html")));
        given().get("/q/health/live").then().contentType(not(containsString("text/html")));
        given().get("/piani-falsi").then().statusCode(404);
        given().get("/piani/p1/manca.js").then().statusCode(404);
    }

    @Test
    void pagesScriptsStylesAndApiAnswersAreGzippedButFontsAreSentAsTheyAre() throws IOException {
        given().header("Accept-Encoding", "gzip").get("/").then().statusCode(200).header("Content-Encoding", "gzip");
        given().header("Accept-Encoding", "gzip").get("/piani/p1/sintesi").then().statusCode(200)
                .header("Content-Encoding", "gzip");
        given().header("Accept-Encoding", "gzip").get(asset(".js")).then().statusCode(200)
                .header("Content-Encoding", "gzip");
        given().header("Accept-Encoding", "gzip").get(asset(".css")).then().statusCode(200)
                .header("Content-Encoding", "gzip").header("Cache-Control", containsString("immutable"));
        given().header("Accept-Encoding", "gzip").get("/api/plans/p1/proposals").then().statusCode(200)
                .header("Content-Encoding", "gzip");
        given().header("Accept-Encoding", "gzip").get(asset(".woff2")).then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
    }

    /** The path of one built asset of the portal with that extension (Vite puts a content hash in each name). */
    private static String asset(String extension) throws IOException {
        Path assets = Path.of("target/classes/META-INF/resources/assets");
        assertTrue(Files.isDirectory(assets), "the portal is built into the gateway's classes");
        try (Stream<Path> files = Files.list(assets)) {
            return "/assets/" + files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(extension))
                    .findFirst().orElseThrow();
        }
    }
}
