package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.coprogram.synthesis.plan.Plans;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The kept synthesis views are keyed on the scope a request resolves to, so junk parameters cannot bust them. */
@Tag("service")
@QuarkusTest
class SynthesisViewCacheTest {

    private static final String COMPUTATIONS = "synthesis_view_computations_total";

    @Test
    void anonymousRequestsWithRandomCodesAtRegionLevelShareOneComputation() {
        String plan = Plans.pugliaIn("CONSULTATION");
        // The plan's own events may still move its read-model version: wait until a second read computes nothing.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            synthesis(plan, "");
            double before = metric();
            synthesis(plan, "");
            return metric() == before;
        });

        double before = metric();
        for (int i = 0; i < 20; i++) {
            synthesis(plan, "?code=" + UUID.randomUUID());
            synthesis(plan, "?level=region&code=" + UUID.randomUUID());
        }
        assertThat(metric() - before).as("views computed for 40 requests of the region with junk codes").isZero();

        synthesis(plan, "?level=province&code=BA");
        assertThat(metric() - before).as("another scope is another view").isEqualTo(1);
        given().get("/api/plans/" + plan + "/synthesis?level=province&code=" + UUID.randomUUID()).then()
                .statusCode(400).contentType("application/problem+json");
    }

    private static void synthesis(String plan, String query) {
        given().get("/api/plans/" + plan + "/synthesis" + query).then().statusCode(200);
    }

    private static double metric() {
        String metrics = given().get("/q/metrics").asString();
        return metrics.lines().filter(line -> line.startsWith(COMPUTATIONS)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
