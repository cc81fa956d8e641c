package org.coprogram.gateway.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;

import org.coprogram.gateway.proxy.Upstreams;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A bearer token verified once is not verified again (telemetry's {@code token} package), and what is kept is the
 * exact token: a copy with another signature, or another payload under the same signature, is verified and refused.
 */
@Tag("service")
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class VerifiedTokenCacheTest {

    @Inject
    MeterRegistry registry;

    private double gets(String result) {
        return registry.get("cache.gets").tag("cache", "verified_tokens").tag("result", result).functionCounter()
                .count();
    }

    private static void write(String token, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"x\"}")
                .post("/api/plans/p1/proposals").then().statusCode(status);
    }

    @Test
    void aTokenSentAgainIsServedFromTheCacheNotVerifiedAgain() {
        String token = Tokens.of("cittadino");
        write(token, 200);
        double hits = gets("hit");
        double misses = gets("miss");

        write(token, 200);
        write(token, 200);

        assertThat(gets("hit")).isEqualTo(hits + 2);
        assertThat(gets("miss")).isEqualTo(misses);
    }

    @Test
    void aCopyOfACachedTokenWithAnotherSignatureIsRefused() {
        String token = Tokens.of("cittadino");
        write(token, 200);
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);

        given().auth().oauth2(forged).contentType(ContentType.JSON).body("{}").post("/api/plans/p1/proposals")
                .then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Autenticazione non valida"));
    }

    @Test
    void aCachedTokensSignatureUnderAnotherPayloadIsRefused() {
        String token = Tokens.of("cittadino");
        write(token, 200);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String regione = new String(Base64.getUrlDecoder().decode(Tokens.of("regione").split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).isNotEqualTo(regione);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(regione.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        write(forged, 401);
    }
}
