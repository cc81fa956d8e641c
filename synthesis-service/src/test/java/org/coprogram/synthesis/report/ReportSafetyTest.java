package org.coprogram.synthesis.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The synthesis report's files are safe to open: no live formula in the open data, a strict CSP on the HTML. */
@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportSafetyTest {

    static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";
    static final String PLAN = """
            {"region":"puglia","title":"Piano con etichette ostili","periodStart":"2026-01-01",
             "periodEnd":"2028-12-31","themes":[{"code":"formula","label":"%s"},
             {"code":"somma","label":"@SUM(A1)"},{"code":"anziani","label":"Anziani"}],"leps":[]}"""
            .formatted(FORMULA.replace("\"", "\\\""));

    private String report;

    @BeforeEach
    void createThePlanOnce() {
        if (report == null) {
            String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(PLAN)
                    .post("/api/plans").then().statusCode(201).extract().path("id");
            report = "/api/plans/" + planId + "/synthesis/report";
        }
    }

    @Test
    void aThemeLabelThatIsAFormulaComesOutOfTheOpenDataAsQuotedText() throws IOException {
        String csv = given().get(report + "?format=csv").then().statusCode(200).contentType("text/csv").extract()
                .asString();

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).filteredOn(r -> r.get("sezione").equals("area")).extracting(r -> r.get("etichetta"))
                .contains("'" + FORMULA, "'@SUM(A1)", "Anziani");
        assertThat(csv).contains("\"area\",\"formula\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",0,")
                .doesNotContain(",\"=", ",=", ",\"@", ",@");
    }

    @Test
    void theHtmlReportCarriesAStrictContentSecurityPolicyThatAdmitsOnlyItsOwnStylesheet() throws Exception {
        for (Response response : List.of(given().accept("text/html").get(report),
                given().get(report + "?format=html"))) {
            response.then().statusCode(200).contentType("text/html");
            String policy = response.header("Content-Security-Policy");
            assertThat(policy).isNotNull();
            assertThat(policy.split(";\\s*")).contains("default-src 'none'", "base-uri 'none'", "form-action 'none'",
                    "frame-ancestors 'none'").noneMatch(d -> d.contains("unsafe") || d.startsWith("script-src"));

            // The one <style> element is what the policy hashes; no style attribute, script or external resource.
            String html = response.asString();
            Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
            assertThat(style.find()).isTrue();
            assertThat(policy).contains("style-src 'sha256-" + sha256(style.group(1)) + "'");
            assertThat(style.find()).as("a second <style> element").isFalse();
            assertThat(html).doesNotContain("style=", "<script", "src=", "<link", "url(")
                    .containsPattern("<div class=\"fill w\\d{1,3}\"></div>");
        }
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
