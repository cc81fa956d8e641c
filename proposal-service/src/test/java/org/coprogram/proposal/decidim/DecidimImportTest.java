package org.coprogram.proposal.decidim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Importing a Decidim open-data export into a plan and exporting a plan in that format (docs/decidim.md), over the
 * service's real database, Kafka and Keycloak.
 */
@Tag("service")
@QuarkusTest
class DecidimImportTest extends OpenPlanTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MAPPING = """
            {"categories": {"7": "anziani", "8": "poverta"}, "scopes": {"3": "072006", "4": "075035"},
             "taxonomies": {"7": "anziani", "8": "poverta", "3": "072006", "4": "075035"}}""";

    @Test
    void aSampleExportGivesExactlyItsProposalsAndCommentsWithTheirOriginalUrlsSupportsAndEvents() {
        UUID plan = Proposals.openPlan(publisher, database);
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            String id = accepted(post("regione", plan, null, zip("0.28"), MAPPING));
            JsonPath done = awaitFinished(id);

            assertThat(done.getString("status")).isEqualTo("DONE");
            assertThat(done.getInt("counts.proposals")).isEqualTo(3);
            assertThat(done.getInt("counts.comments")).isEqualTo(3);
            assertThat(done.getMap("counts.notImported")).containsEntry("meetings", 1).containsEntry("results", 1);
            assertThat(done.getList("problems")).isEmpty();
            assertThat(Jdbc.count(database, "SELECT count(*) FROM proposal WHERE plan_id::text = ?",
                    plan.toString())).isEqualTo(3);

            String first = proposalWithUrl(plan, DecidimSamples.proposalUrl("101"));
            Proposals.get(null, first).statusCode(200)
                    .body("title", org.hamcrest.Matchers.equalTo("Trasporto sociale per anziani soli"))
                    .body("supports", org.hamcrest.Matchers.equalTo(42))
                    .body("theme", org.hamcrest.Matchers.equalTo("anziani"))
                    .body("municipality", org.hamcrest.Matchers.equalTo("072006"))
                    .body("status", org.hamcrest.Matchers.equalTo("ACCEPTED"))
                    .body("importedFrom.origin", org.hamcrest.Matchers.equalTo("DECIDIM"))
                    .body("importedFrom.originalUrl", org.hamcrest.Matchers.equalTo(DecidimSamples.proposalUrl("101")))
                    .body("importedFrom.comments", org.hamcrest.Matchers.equalTo(2));

            List<ConsumerRecord<String, String>> submitted = topic.await(
                    r -> ofPlan(r, plan) && ProposalEvents.SUBMITTED.equals(TopicReader.header(r, "ce_type")), 3,
                    WAIT, database);
            assertThat(submitted).hasSize(3);
            assertThat(submitted).allSatisfy(r -> assertThat(r.value()).contains("\"origin\":\"DECIDIM\"")
                    .doesNotContain("Maria Rossi").doesNotContain("decidim-import"));
            assertThat(submitted).anySatisfy(r -> assertThat(r.value()).contains("\"supports\":42")
                    .contains("\"originalUrl\":\"" + DecidimSamples.proposalUrl("101") + "\""));
            List<ConsumerRecord<String, String>> comments = topic.await(r -> ofPlan(r, plan)
                    && DecidimEvents.COMMENT_IMPORTED.equals(TopicReader.header(r, "ce_type")), 3, WAIT, database);
            assertThat(comments).hasSize(3);
            assertThat(comments).allSatisfy(r -> assertThat(r.value()).doesNotContain("Giuseppe Verdi"));
            // Keyed by the proposal: a comment follows its proposal's own event in the partition.
            assertThat(comments).extracting(ConsumerRecord::key).contains(first);
        }
    }

    @Test
    void everyFormatVersionAndLocaleImportsFromZipOrLooseCsvs() {
        UUID v27 = Proposals.openPlan(publisher, database);
        assertThat(awaitFinished(accepted(post("regione", v27, null, zip("0.27"), MAPPING)))
                .getInt("counts.proposals")).isEqualTo(3);
        UUID v30 = Proposals.openPlan(publisher, database);
        JsonPath taxonomies = awaitFinished(accepted(post("regione", v30, null, zip("0.30"), MAPPING)));
        assertThat(taxonomies.getString("status")).isEqualTo("DONE");
        assertThat(taxonomies.getList("counts.columnsUsed.values().flatten()", String.class))
                .contains("taxonomies/ids");
        assertThat(Jdbc.text(database, "SELECT theme || ' ' || municipality FROM proposal WHERE original_url = ?"
                + " AND plan_id::text = ?", DecidimSamples.proposalUrl("102"), v30.toString()))
                .isEqualTo("poverta 075035");

        UUID catalan = Proposals.openPlan(publisher, database);
        Map<String, byte[]> csvs = new LinkedHashMap<>();
        csvs.put("proposals.csv", DecidimSamples.proposalsCsv("0.28", DecidimSamples.proposals())
                .getBytes(StandardCharsets.UTF_8));
        csvs.put("proposal_comments.csv", DecidimSamples.commentsCsv(DecidimSamples.comments())
                .getBytes(StandardCharsets.UTF_8));
        JsonPath ca = awaitFinished(accepted(post("regione", catalan, null, csvs,
                MAPPING.replace("{\"categories\"", "{\"locale\": \"ca\", \"categories\""))));
        assertThat(ca.getString("status")).isEqualTo("DONE");
        assertThat(Jdbc.text(database, "SELECT title FROM proposal WHERE original_url = ? AND plan_id::text = ?",
                DecidimSamples.proposalUrl("101"), catalan.toString())).isEqualTo("Transport social per a gent gran");
    }

    @Test
    void aMalformedOrPartialExportIsRefusedWithFileLineAndColumnAndImportsNothing() {
        UUID plan = Proposals.openPlan(publisher, database);
        Map<String, String> files = DecidimSamples.export("0.28");
        String proposals = DecidimSamples.HOST + "-open-data-proposals.csv";
        files.put(proposals, files.get(proposals).replace("PS-PROP-2025-01-102", "\"PS-PROP-2025-01-102"));
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            JsonPath malformed = awaitFinished(accepted(post("regione", plan, null,
                    Map.of("export.zip", DecidimSamples.zip(files)), MAPPING)));

            assertThat(malformed.getString("status")).isEqualTo("FAILED");
            assertThat(malformed.getString("problems[0].file")).isEqualTo("export.zip!" + proposals);
            // Proposal 101's body holds a line break inside its quotes: proposal 102 starts on line 4.
            assertThat(malformed.getInt("problems[0].line")).isEqualTo(4);
            assertThat(malformed.getString("problems[0].column")).isEqualTo("reference");
            assertThat(malformed.getString("problems[0].message")).startsWith("CSV non valido");

            Map<String, String> partial = DecidimSamples.export("0.28");
            partial.put(proposals, DecidimSamples.proposalsCsv("0.28", DecidimSamples.proposals().subList(1, 3)));
            JsonPath refused = awaitFinished(accepted(post("regione", plan, null,
                    Map.of("export.zip", DecidimSamples.zip(partial)), MAPPING)));
            assertThat(refused.getString("status")).isEqualTo("FAILED");
            assertThat(refused.getString("problems[0].column")).isEqualTo("commentable_id");
            assertThat(refused.getInt("problems[0].line")).isEqualTo(2);

            JsonPath unmapped = awaitFinished(accepted(post("regione", plan, null, zip("0.28"), null)));
            assertThat(unmapped.getString("status")).isEqualTo("FAILED");
            assertThat(unmapped.getString("problems[0].column")).isEqualTo("category/id");

            assertThat(Jdbc.count(database, "SELECT count(*) FROM proposal WHERE plan_id::text = ?",
                    plan.toString())).isZero();
            assertThat(Jdbc.count(database, "SELECT count(*) FROM imported_comment WHERE plan_id::text = ?",
                    plan.toString())).isZero();
            assertThat(topic.await(r -> ofPlan(r, plan), 0, Duration.ZERO, database)).isEmpty();
        }
    }

    @Test
    void onlyTheStaffOfThePlansRegionMayImportOrReadAnImport() {
        UUID plan = Proposals.openPlan(publisher, database);
        Map<String, byte[]> files = zip("0.28");
        assertThat(post(null, plan, null, files, MAPPING).statusCode()).isEqualTo(401);
        for (String user : List.of("cittadino", "ets", "ambito", "moderatore", "regione-abruzzo")) {
            assertThat(post(user, plan, null, files, MAPPING).statusCode()).as(user).isEqualTo(403);
        }
        RequestSpecification partner = given().auth().oauth2(Tokens.ofClient("partner-demo", "partner-demo-secret"));
        assertThat(upload(partner, files, MAPPING).post("/api/plans/" + plan + "/imports/decidim").statusCode())
                .isEqualTo(403);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM decidim_import WHERE plan_id::text = ?",
                plan.toString())).isZero();

        String id = accepted(post("regione", plan, null, files, MAPPING));
        given().get("/api/imports/" + id).then().statusCode(401);
        given().auth().oauth2(Tokens.of("cittadino")).get("/api/imports/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.of("regione-abruzzo")).get("/api/imports/" + id).then().statusCode(404);
        assertThat(post("regione", UUID.randomUUID(), null, files, MAPPING).statusCode()).isEqualTo(404);
        assertThat(given().auth().oauth2(Tokens.of("regione")).multiPart("mapping", MAPPING)
                .post("/api/plans/" + plan + "/imports/decidim").statusCode()).isEqualTo(400);
        // Without any body (as the access-policy walk sends it): who may not import is told so before anything else.
        assertThat(given().post("/api/plans/" + plan + "/imports/decidim").statusCode()).isEqualTo(401);
        assertThat(given().auth().oauth2(Tokens.of("regione-abruzzo")).post("/api/plans/" + plan + "/imports/decidim")
                .statusCode()).isEqualTo(403);
        assertThat(given().auth().oauth2(Tokens.of("ambito")).post("/api/plans/" + plan + "/imports/decidim")
                .statusCode()).isEqualTo(403);
        assertThat(given().auth().oauth2(Tokens.of("regione")).contentType("application/json").body("{}")
                .post("/api/plans/" + plan + "/imports/decidim").statusCode()).isEqualTo(415);
        awaitFinished(id);
    }

    @Test
    void aRetriedImportWithTheSameIdempotencyKeyImportsOnce() {
        UUID plan = Proposals.openPlan(publisher, database);
        String key = UUID.randomUUID().toString();
        // One zip, sent twice: a zip made again carries other entry times, so it is another request.
        Map<String, byte[]> files = zip("0.28");
        ExtractableResponse<Response> first = post("regione", plan, key, files, MAPPING);
        ExtractableResponse<Response> retry = post("regione", plan, key, files, MAPPING);

        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(202);
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(Jdbc.count(database, "SELECT count(*) FROM decidim_import WHERE plan_id::text = ?",
                plan.toString())).isEqualTo(1);
        awaitFinished(first.path("id"));
        // The same export again without a key: a new import that finds everything already there.
        JsonPath again = awaitFinished(accepted(post("regione", plan, null, zip("0.28"), MAPPING)));
        assertThat(again.getInt("counts.proposals")).isZero();
        assertThat(again.getInt("counts.proposalsAlreadyPresent")).isEqualTo(3);
        assertThat(again.getInt("counts.commentsAlreadyPresent")).isEqualTo(3);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM proposal WHERE plan_id::text = ?",
                plan.toString())).isEqualTo(3);
    }

    @Test
    void ourExportReimportedGivesTheSamePlanDataWithoutPersonalOrHiddenData() throws IOException {
        UUID source = Proposals.openPlan(publisher, database);
        awaitFinished(accepted(post("regione", source, null, zip("0.28"), MAPPING)));
        String own = Proposals.submit("cittadino", source, Proposals.body("Una proposta nata qui su Coprogram"));
        String hidden = Proposals.submit("ets", source, Proposals.body("Una proposta poi nascosta dai moderatori"));
        Proposals.as("moderatore").body("{\"action\":\"HIDE\",\"note\":\"Contenuto offensivo\"}")
                .post("/api/proposals/" + hidden + "/moderation")
                .then().statusCode(200);

        ExtractableResponse<Response> export = given().get("/api/plans/" + source + "/exports/decidim").then()
                .extract();
        assertThat(export.statusCode()).as(export.asString()).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/zip");
        byte[] exported = export.asByteArray();
        Map<String, String> entries = unzip(exported);
        String proposalsCsv = entries.entrySet().stream().filter(e -> e.getKey().endsWith("-proposals.csv"))
                .findFirst().orElseThrow().getValue();
        assertThat(proposalsCsv).startsWith("id;category/id;category/name/it;scope/id;")
                .contains("'=SOMMA(A1:A9)").doesNotContain("nascosta").doesNotContain("Maria Rossi")
                .contains("/proposte/" + own);
        assertThat(entries.keySet()).allMatch(name -> name.startsWith("coprogram-puglia-" + source));
        String commentsCsv = entries.entrySet().stream().filter(e -> e.getKey().endsWith("-proposal_comments.csv"))
                .findFirst().orElseThrow().getValue();
        assertThat(commentsCsv).doesNotContain("Giuseppe Verdi").contains("Decidim::Comments::Comment");

        UUID target = Proposals.openPlan(publisher, database);
        JsonPath reimported = awaitFinished(accepted(post("regione", target, null,
                Map.of("coprogram-open-data.zip", exported), null)));
        assertThat(reimported.getString("status")).isEqualTo("DONE");
        assertThat(reimported.getInt("counts.proposals")).isEqualTo(4);
        assertThat(reimported.getInt("counts.comments")).isEqualTo(3);

        String columns = "title, body, theme, municipality, supports, status, comments, coalesce(answer_text, '')";
        // Every visible proposal of the source, imported or not, with the address the export gave it.
        assertThat(rows("SELECT " + columns + ", original_url FROM proposal WHERE plan_id = ? ORDER BY 9", target))
                .isEqualTo(rows("SELECT " + columns + ", coalesce(original_url, 'http://127.0.0.1:8080/proposte/'"
                        + " || id) FROM proposal WHERE plan_id = ? AND visibility = 'VISIBLE' ORDER BY 9", source));
        assertThat(Jdbc.text(database, "SELECT title FROM proposal WHERE plan_id::text = ? AND original_url LIKE ?",
                target.toString(), "%/proposte/" + own)).isEqualTo("Una proposta nata qui su Coprogram");
        assertThat(rows("SELECT c.body, c.alignment, c.depth, p.original_url FROM imported_comment c JOIN proposal p"
                + " ON p.id = c.proposal_id WHERE c.plan_id = ? ORDER BY c.body", target))
                .isEqualTo(rows("SELECT c.body, c.alignment, c.depth, p.original_url FROM imported_comment c"
                        + " JOIN proposal p ON p.id = c.proposal_id WHERE c.plan_id = ? ORDER BY c.body", source));
    }

    @Test
    void aPendingImportLeftByAStoppedServiceIsImportedFromItsStoredFiles() {
        // As a crash leaves it: the request stored (files and all) and answered, nothing of it applied yet; a
        // processing round that dies rolls back to exactly this state.
        UUID plan = Proposals.openPlan(publisher, database);
        UUID id = UUID.randomUUID();
        byte[] zip = DecidimSamples.zip(DecidimSamples.export("0.28"));
        // One transaction, as the request stores it: the worker never sees the import without its files.
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement record = connection.prepareStatement("INSERT INTO decidim_import (id, plan_id,"
                    + " region, requested_by, status, mapping, created_at) VALUES (?, ?, 'puglia', 'staff-account',"
                    + " 'PENDING', ?, now())");
                    PreparedStatement file = connection.prepareStatement("INSERT INTO decidim_import_file"
                            + " (import_id, position, name, content) VALUES (?, 0, 'export.zip', ?)")) {
                record.setObject(1, id);
                record.setObject(2, plan);
                record.setString(3, MAPPING);
                record.executeUpdate();
                file.setObject(1, id);
                file.setBytes(2, zip);
                file.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }

        JsonPath done = awaitFinished(id.toString());

        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("DONE");
        assertThat(done.getInt("counts.proposals")).isEqualTo(3);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM decidim_import_file WHERE import_id::text = ?",
                id.toString())).as("files are kept only while the import is pending").isZero();
    }

    private static boolean ofPlan(ConsumerRecord<String, String> record, UUID plan) {
        return plan.toString().equals(TopicReader.header(record, "ce_planid"));
    }

    private String proposalWithUrl(UUID plan, String url) {
        return Jdbc.text(database, "SELECT id::text FROM proposal WHERE plan_id::text = ? AND original_url = ?",
                plan.toString(), url);
    }

    private List<List<String>> rows(String sql, UUID plan) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, plan);
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> zip(String version) {
        return Map.of(DecidimSamples.HOST + "-open-data.zip", DecidimSamples.zip(DecidimSamples.export(version)));
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static RequestSpecification upload(RequestSpecification request, Map<String, byte[]> files,
            String mapping) {
        files.forEach((name, bytes) -> request.multiPart("file", name, bytes,
                name.endsWith(".zip") ? "application/zip" : "text/csv"));
        if (mapping != null) {
            request.multiPart("mapping", mapping);
        }
        return request;
    }

    private static ExtractableResponse<Response> post(String user, UUID plan, String key, Map<String, byte[]> files,
            String mapping) {
        RequestSpecification request = user == null ? given() : given().auth().oauth2(Tokens.of(user));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return upload(request, files, mapping).post("/api/plans/" + plan + "/imports/decidim").then().extract();
    }

    private static String accepted(ExtractableResponse<Response> response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        String id = response.path("id");
        assertThat(response.header("Location")).isEqualTo("/api/imports/" + id);
        return id;
    }

    private static JsonPath awaitFinished(String id) {
        String token = Tokens.of("regione");
        return await("import " + id).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(
                () -> given().auth().oauth2(token).get("/api/imports/" + id).then().statusCode(200).extract()
                        .jsonPath(),
                json -> !"PENDING".equals(json.getString("status")));
    }
}
