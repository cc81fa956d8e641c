package org.coprogram.synthesis.socialreport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A submitted social report is restricted until the region publishes it: the public synthesis neither counts nor
 * analyses it, only the plan's region staff see it in the reserved view ({@code include=unpublished}); and the
 * views anyone may ask for are computed once per read-model version, however many ask at once.
 */
@Tag("service")
@QuarkusTest
class RestrictedReportTest {

    private static final String MARKER = "ludotecaquartierale";

    @Test
    void aSubmittedReportCountsOnlyInTheRegionsReservedViewUntilTheRegionPublishesIt() {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        SocialReportResourceTest.put("ambito", plan, "BA-BARI", SocialReportResourceTest.REPORT
                .replace("Posti in centri diurni", "Una " + MARKER + " per ogni municipio e posti in centri diurni"))
                .statusCode(200);
        SocialReportResourceTest.post("ambito", plan, "BA-BARI/submit").statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> synthesis("regione", plan, "?include=unpublished").path("totals.socialReports")
                        .equals(1));
        assertThat(clusters("regione", plan, "?include=unpublished")).contains(MARKER);
        assertThat(synthesis("regione", plan, "?include=unpublished").<Boolean>path("includesUnpublished")).isTrue();

        for (String user : new String[]{null, "regione", "regione-abruzzo", "ambito", "moderatore"}) {
            Response view = synthesis(user, plan, "");
            assertThat(view.<Integer>path("totals.socialReports")).as("public view as " + user).isZero();
            assertThat(view.<Integer>path("totals.contributions")).as("public view as " + user).isZero();
            assertThat(view.<Boolean>path("includesUnpublished")).isFalse();
            assertThat(clusters(user, plan, "")).as("public clusters as " + user).doesNotContain(MARKER);
            assertThat(report(user, plan, "?format=json")).doesNotContain(MARKER);
            assertThat(report(user, plan, "?format=html")).doesNotContain(MARKER);
        }
        as(null).get("/api/plans/" + plan + "/synthesis?include=unpublished").then().statusCode(401)
                .contentType("application/problem+json");
        for (String user : new String[]{"regione-abruzzo", "ambito", "moderatore", "cittadino"}) {
            as(user).get("/api/plans/" + plan + "/synthesis/clusters?include=unpublished").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        as("regione").get("/api/plans/" + plan + "/synthesis?include=everything").then().statusCode(400)
                .body("violations[0].field", equalTo("include"));

        SocialReportResourceTest.post("regione", plan, "publish").statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> synthesis(null, plan, "").path("totals.socialReports").equals(1));
        assertThat(clusters(null, plan, "")).contains(MARKER);
        assertThat(report(null, plan, "?format=html")).contains(MARKER);
    }

    @Test
    void answersWithUnpublishedDataAreNeverStoredByACache() {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        SocialReportResourceTest.put("ambito", plan, "BA-BARI", SocialReportResourceTest.REPORT).statusCode(200);
        SocialReportResourceTest.post("ambito", plan, "BA-BARI/submit").statusCode(200);

        String base = "/api/plans/" + plan;
        for (String path : List.of("/synthesis?include=unpublished", "/synthesis/clusters?include=unpublished",
                "/synthesis/report?include=unpublished", "/synthesis/report?include=unpublished&format=pdf",
                "/synthesis/report?include=unpublished&format=csv",
                "/synthesis/report?include=unpublished&format=json", "/social-reports/BA-BARI",
                "/social-reports/coverage")) {
            as("regione").get(base + path).then().statusCode(200).header("Cache-Control", "private, no-store");
        }
        as("ambito").get(base + "/social-reports/BA-BARI").then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        as(null).get(base + "/synthesis").then().statusCode(200).header("Cache-Control", nullValue());
        as(null).get(base + "/synthesis/report?format=csv").then().statusCode(200)
                .header("Cache-Control", nullValue());

        SocialReportResourceTest.post("regione", plan, "publish").statusCode(200);
        as(null).get(base + "/social-reports/BA-BARI").then().statusCode(200).header("Cache-Control", nullValue());
    }

    @Test
    void concurrentRequestsForTheSameClustersAndPdfShareOneComputation() throws Exception {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        double analyses = metric("synthesis_analysis_computations_total");
        double pdfs = metric("synthesis_report_renderings_total{format=\"pdf\"");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> answers = IntStream.range(0, 16)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> given()
                            .get("/api/plans/" + plan + "/synthesis/" + (i % 2 == 0 ? "clusters" : "report?format=pdf"))
                            .statusCode(), pool))
                    .toList();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.get()).isEqualTo(200));
        } finally {
            pool.shutdown();
        }
        // One analysis (shared by the clusters and the report) and one PDF for the plan's single version.
        assertThat(metric("synthesis_analysis_computations_total") - analyses).isEqualTo(1);
        assertThat(metric("synthesis_report_renderings_total{format=\"pdf\"") - pdfs).isEqualTo(1);
    }

    private static double metric(String prefix) {
        String metrics = given().get("/q/metrics").asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    private static io.restassured.specification.RequestSpecification as(String user) {
        return user == null ? given() : given().auth().oauth2(Tokens.of(user));
    }

    private static Response synthesis(String user, String plan, String query) {
        return as(user).get("/api/plans/" + plan + "/synthesis" + query);
    }

    private static String clusters(String user, String plan, String query) {
        return as(user).get("/api/plans/" + plan + "/synthesis/clusters" + query).then().statusCode(200).extract()
                .asString();
    }

    private static String report(String user, String plan, String query) {
        return as(user).get("/api/plans/" + plan + "/synthesis/report" + query).then().statusCode(200).extract()
                .asString();
    }
}
