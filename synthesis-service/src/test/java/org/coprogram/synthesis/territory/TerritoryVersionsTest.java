package org.coprogram.synthesis.territory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.synthesis.plan.PlanEvents;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Territories as the region's configuration (issue #25, docs/territories.md): versions uploaded by region staff, read
 * by anyone, used by plans. Every upload here takes effect in 2099, so that the version in force, which every other
 * test's new plans take, stays the shipped one; the one test that needs a later version in force moves the clock.
 */
@Tag("service")
@QuarkusTest
class TerritoryVersionsTest {

    static final String FUTURE = "2099-12-31";
    static final String NOTE = "Composizione di prova per i test";
    static final String BARI = "072006";
    static final String VIESTE = "071060";
    static final String PESCHICI = "071038";
    static final String PESCARA = "068028";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TerritoryCatalog ISTAT = TerritoryCatalog.fromClasspath();

    @Inject
    DataSource database;

    static RequestSpecification as(String user) {
        RequestSpecification request = given();
        return user == null ? request : request.auth().oauth2(Tokens.of(user));
    }

    static ValidatableResponse upload(String user, String region, byte[] file, Map<String, String> parameters) {
        RequestSpecification request = as(user).contentType("text/csv").body(file);
        parameters.forEach(request::queryParam);
        return request.post("/api/territories/" + region + "/versions").then();
    }

    static ValidatableResponse upload(String user, String region, String file) {
        return upload(user, region, file.getBytes(StandardCharsets.UTF_8),
                Map.of("effectiveFrom", FUTURE, "note", NOTE));
    }

    /** The shipped Puglia composition with Bari in a district of its own and the Gargano's Vieste and Peschici placed. */
    static String reshapedPuglia() {
        String shipped = new String(TerritoryCatalog.shippedComposition("puglia"), StandardCharsets.UTF_8);
        String bari = shipped.lines().filter(line -> line.startsWith(BARI + ",")).findFirst().orElseThrow();
        return shipped.replace(bari, BARI + ",BA-METRO,Ambito di prova Bari metropolitana,Bari,prova") + "\n"
                + VIESTE + ",FG-GARGANO,Ambito di prova del Gargano,Vieste,prova\n"
                + PESCHICI + ",FG-GARGANO,Ambito di prova del Gargano,Vieste,prova\n";
    }

    static int versions(String region) {
        return as(null).get("/api/territories/" + region + "/versions").then().statusCode(200).extract().path("total");
    }

    long versionAudits() {
        return Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE action = 'territory.version'");
    }

    static JsonPath synthesis(String planId, String query) {
        return as(null).get("/api/plans/" + planId + "/synthesis" + query).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> district(JsonPath synthesis, String code) {
        List<Map<String, Object>> districts = synthesis.getList("participation.districts");
        return districts.stream().filter(d -> d.get("code").equals(code)).findFirst().orElse(null);
    }

    static int population(String... istatCodes) {
        int sum = 0;
        for (String code : istatCodes) {
            sum += ISTAT.municipality(code).orElseThrow().population();
        }
        return sum;
    }

    static ValidatableResponse move(String user, String planId, Object version) {
        return as(user).contentType(ContentType.JSON).body("{\"version\":" + version + ",\"note\":\"prova\"}")
                .put("/api/plans/" + planId + "/territory").then();
    }

    static void proposal(EventPublisher publisher, String planId, String author, String municipality,
            String province) throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> data = new java.util.HashMap<>(Map.of("proposalId", id, "planId", planId, "region",
                "puglia", "kind", "PROPOSAL", "title", "Proposta da " + municipality, "body",
                "Un servizio di prossimità per le famiglie del comune.", "theme", "poverta", "municipality",
                municipality, "province", province, "category", "CITIZEN"));
        data.putAll(Map.of("status", "SUBMITTED", "author", author, "createdAt", OffsetDateTime.now().toString()));
        // The district another service's copy of the composition gave: the synthesis places by the plan's version.
        data.put("district", "DA-IGNORARE");
        publisher.publish("coprogram.proposals", EventPublisher.event(UUID.randomUUID(), "/proposal-service",
                "org.coprogram.proposal.submitted.v1", id.toString(), planId, JSON.writeValueAsString(data)));
    }

    @Test
    void theShippedPartialCompositionIsTheFirstVersionWithItsProvenanceAndItsUnplacedComuni() {
        as(null).get("/api/territories/puglia/versions?size=100").then().statusCode(200)
                .body("items.find { it.version == 1 }.kind", equalTo("SHIPPED"))
                .body("items.find { it.version == 1 }.note", containsString("parziale, da fonti pubbliche; non"
                        + " ufficiale"))
                .body("items.find { it.version == 1 }.placedMunicipalities", equalTo(152))
                .body("items.find { it.version == 1 }.unplacedMunicipalities", equalTo(105))
                .body("items.find { it.version == 1 }.districts", equalTo(39))
                .body("items.find { it.version == 1 }.populationSource", equalTo("ISTAT, censimento 2011"))
                .body("items.find { it.version == 1 }.inForce", equalTo(true));

        JsonPath version = as(null).get("/api/territories/puglia/versions/1").then().statusCode(200).extract()
                .jsonPath();
        assertThat(version.getList("rows")).hasSize(257);
        assertThat(version.getString("rows.find { it.istatCode == '" + VIESTE + "' }.districtCode")).isNull();
        assertThat(version.getString("rows.find { it.istatCode == '" + BARI + "' }.source")).startsWith("http");
        assertThat(version.getList("provinces.code")).containsExactly("BA", "BR", "BT", "FG", "LE", "TA");
        assertThat(version.getList("provinces.find { it.code == 'FG' }.unplaced.name", String.class))
                .contains("Vieste", "Peschici");
        assertThat(version.getInt("provinces.find { it.code == 'FG' }.placed")
                + version.getList("provinces.find { it.code == 'FG' }.unplaced").size())
                .isEqualTo(version.getInt("provinces.find { it.code == 'FG' }.municipalities"));
        assertThat(version.getList("provinces.find { it.code == 'BA' }.districts.find { it.code == 'BA-BARI' }"
                + ".municipalities.name", String.class)).containsExactly("Bari");

        as(null).get("/api/territories/abruzzo").then().statusCode(200).body("version.version", equalTo(1))
                .body("unplacedMunicipalities", equalTo(208)).body("districts", hasSize(11))
                .body("version.note", containsString("non ufficiale"));
    }

    @Test
    void aValidFileChangesDistrictsCoverageAndEquityOfThePlansMovedToIt() throws Exception {
        String planId = Plans.pugliaIn("SOCIAL_REPORT");
        try (EventPublisher publisher = new EventPublisher()) {
            proposal(publisher, planId, "autore-bari", BARI, "BA");
            proposal(publisher, planId, "autore-vieste", VIESTE, "FG");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> synthesis(planId, "").getLong("totals.proposals") == 2);
        JsonPath before = synthesis(planId, "");
        assertThat(district(before, "BA-BARI")).containsEntry("participants", 1);
        assertThat(district(before, "FG-GARGANO")).isNull();
        assertThat(before.getInt("participation.territoryVersion")).isEqualTo(1);
        assertThat(before.getInt("participation.unplacedMunicipalities")).isEqualTo(105);
        as("regione").get("/api/plans/" + planId + "/social-reports/coverage").then().statusCode(200)
                .body("districts", equalTo(39)).body("byDistrict.code", hasItem("BA-BARI"))
                .body("byDistrict.code", not(hasItem("FG-GARGANO")));

        int version = upload("regione", "puglia", reshapedPuglia()).statusCode(201)
                .header("Location", startsWith("/api/territories/puglia/versions/"))
                .body("kind", equalTo("COMPOSITION")).body("districts", equalTo(40))
                .body("placedMunicipalities", equalTo(154)).body("unplacedMunicipalities", equalTo(103))
                .body("inForce", equalTo(false)).body("plans", equalTo(0)).extract().path("version");
        assertThat(synthesis(planId, "").getInt("participation.territoryVersion"))
                .as("the plan keeps the version it was opened with").isEqualTo(1);

        try (TopicReader plans = TopicReader.fromNow(PlanEvents.TOPIC)) {
            move("regione", planId, version).statusCode(200).body("territoryVersion", equalTo(version))
                    .body("version.plans", equalTo(1));
            ConsumerRecord<String, String> event = plans.await(TopicReader.ofType(PlanEvents.TERRITORY_CHANGED,
                    planId), 1, Duration.ofSeconds(15), database).get(0);
            assertThat(event.value()).contains("\"territoryVersion\":" + version, "\"previousTerritoryVersion\":1",
                    "{\"code\":\"FG-GARGANO\",\"name\":\"Ambito di prova del Gargano\",\"municipalities\":[\""
                            + VIESTE + "\",\"" + PESCHICI + "\"]}")
                    .doesNotContain("BA-BARI");
        }
        as(null).get("/api/plans/" + planId + "/territory").then().statusCode(200)
                .body("territoryVersion", equalTo(version)).body("version.note", equalTo(NOTE));

        JsonPath after = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> synthesis(planId, ""), json -> district(json, "FG-GARGANO") != null
                        && ((Number) district(json, "FG-GARGANO").get("participants")).intValue() == 1);
        assertThat(district(after, "FG-GARGANO")).containsEntry("population", population(VIESTE, PESCHICI));
        assertThat(district(after, "BA-METRO")).containsEntry("participants", 1)
                .containsEntry("population", population(BARI));
        assertThat(district(after, "BA-BARI")).isNull();
        assertThat(after.getInt("participation.unplacedMunicipalities")).isEqualTo(103);
        JsonPath foggia = synthesis(planId, "?level=province&code=FG");
        assertThat(foggia.getList("byTerritory.code", String.class)).contains("FG-GARGANO");
        assertThat(foggia.getInt("byTerritory.find { it.code == 'FG-GARGANO' }.contributions")).isEqualTo(1);
        synthesis(planId, "?level=district&code=FG-GARGANO");
        as(null).get("/api/plans/" + planId + "/synthesis?level=district&code=BA-BARI").then().statusCode(400);

        as("regione").get("/api/plans/" + planId + "/social-reports/coverage").then().statusCode(200)
                .body("districts", equalTo(40)).body("territoryVersion", equalTo(version))
                .body("unplacedMunicipalities", equalTo(103))
                .body("byDistrict.code", hasItem("FG-GARGANO")).body("byDistrict.code", not(hasItem("BA-BARI")));
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE action = 'plan.territory'"
                + " AND target_id = ? AND details = ?", planId, "1->" + version + ": prova")).isEqualTo(1);

        as(null).get("/api/territories/puglia?version=" + version).then().statusCode(200)
                .body("districts.find { it.code == 'FG-GARGANO' }.municipalities", hasSize(2))
                .body("municipalities.find { it.istatCode == '" + VIESTE + "' }.district", equalTo("FG-GARGANO"));
        as(null).get("/api/territories/puglia").then().statusCode(200).body("version.version", equalTo(1))
                .body("municipalities.find { it.istatCode == '" + VIESTE + "' }.district", equalTo(null));
    }

    @Test
    void aPlanKeepsTheVersionItWasOpenedWithUnlessRegionStaffMoveIt() {
        // Later than every other test's uploads: on that day this version is the latest in force.
        String effective = "2100-06-30";
        int version = upload("regione", "puglia", reshapedPuglia().getBytes(StandardCharsets.UTF_8),
                Map.of("effectiveFrom", effective, "note", NOTE)).statusCode(201).extract().path("version");
        String older = Plans.pugliaIn("DRAFT");
        as(null).get("/api/plans/" + older).then().body("territoryVersion", equalTo(1));

        LocalDate today = LocalDate.now(ZoneId.of("Europe/Rome"));
        MovableClock.INSTANCE.advance(Duration.ofDays(LocalDate.parse(effective).toEpochDay() - today.toEpochDay()
                + 1));
        String newer;
        try {
            as(null).get("/api/territories/puglia").then().body("version.version", equalTo(version));
            newer = Plans.pugliaIn("DRAFT");
        } finally {
            MovableClock.INSTANCE.reset();
        }
        as(null).get("/api/plans/" + newer + "/territory").then().body("territoryVersion", equalTo(version));
        as(null).get("/api/plans/" + older + "/territory").then().body("territoryVersion", equalTo(1));

        move("regione", older, version).statusCode(200).body("territoryVersion", equalTo(version));
        move("regione", older, version).statusCode(200);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE action = 'plan.territory'"
                + " AND target_id = ?", older)).as("moving to the version it has changes nothing").isEqualTo(1);
        move("regione", older, 1).statusCode(200).body("territoryVersion", equalTo(1));

        move("regione", older, 100_000).statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("version"));
        move("regione", older, 0).statusCode(400).body("violations[0].field", equalTo("version"));
        as("regione").contentType(ContentType.JSON).body("{}").put("/api/plans/" + older + "/territory").then()
                .statusCode(400);
        as("regione").contentType(ContentType.JSON).body("{\"version\":" + version + "}")
                .put("/api/plans/" + UUID.randomUUID() + "/territory").then().statusCode(404);
    }

    @Test
    void aMoveThatWouldLeaveSocialReportsOutsideEveryDistrictIsRefused() {
        String planId = Plans.pugliaIn("SOCIAL_REPORT");
        as("ambito").contentType(ContentType.JSON)
                .body("{\"resultsAchieved\":[{\"theme\":\"anziani\",\"text\":\"Attivata l'assistenza domiciliare.\"}]}")
                .put("/api/plans/" + planId + "/social-reports/BA-BARI").then().statusCode(200);
        int version = upload("regione", "puglia", reshapedPuglia()).statusCode(201).extract().path("version");
        move("regione", planId, version).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("BA-BARI"));
        as(null).get("/api/plans/" + planId + "/territory").then().body("territoryVersion", equalTo(1));
    }

    @Test
    void regionStaffOfOneRegionCannotChangeTheOthersTerritoriesNorCanAnyoneElse() {
        String pugliaPlan = Plans.pugliaIn("CONSULTATION");
        int version = upload("regione", "puglia", reshapedPuglia()).statusCode(201).extract().path("version");
        int before = versions("puglia");
        long audits = versionAudits();
        upload(null, "puglia", reshapedPuglia()).statusCode(401).contentType("application/problem+json");
        move(null, pugliaPlan, version).statusCode(401).contentType("application/problem+json");
        for (String user : List.of("regione-abruzzo", "cittadino", "ets", "ambito", "ambito-senza-regione",
                "moderatore", "moderatore-abruzzo", "ambito-pescara")) {
            upload(user, "puglia", reshapedPuglia()).statusCode(403).contentType("application/problem+json");
            move(user, pugliaPlan, version).statusCode(403).contentType("application/problem+json");
        }
        upload("regione", "abruzzo", reshapedPuglia()).statusCode(403);
        assertThat(versions("puglia")).isEqualTo(before);
        assertThat(versionAudits()).isEqualTo(audits);
        as(null).get("/api/plans/" + pugliaPlan + "/territory").then().body("territoryVersion", equalTo(1));
        upload("regione", "lazio", reshapedPuglia()).statusCode(404);
    }

    @Test
    void everyKindOfBadFileIsRefusedWithLineAndReasonAndChangesNothing() {
        int before = versions("puglia");
        long audits = versionAudits();
        String header = "istat_code,district_code,district_name\n";
        Map<String, String[]> files = new java.util.LinkedHashMap<>();
        files.put(header + "072006,BA-BARI,Bari\n066049,AQ-01,L'Aquila\n",
                new String[]{"3", "è in Abruzzo, non in Puglia"});
        files.put(header + "072006,BA-BARI,Bari\n072006,BA-BARI,Bari\n", new String[]{"3", "è già alla riga 2"});
        files.put(header + "999999,BA-X,Ignoto\n", new String[]{"2", "codice ISTAT sconosciuto: 999999"});
        files.put(header + "072006,BA-BARI,\"=HYPERLINK(\"\"http://x\"\")\"\n",
                new String[]{"2", "formula"});
        files.put(header + "072006,BA-BARI,+39 080\n", new String[]{"2", "formula"});
        files.put("istat;district;name\n072006;BA;Bari\n", new String[]{"1", "intestazione attesa"});
        files.put("comune,ambito\n", new String[]{"1", "intestazione attesa"});
        files.put(header + "072006,BA-BARI\n", new String[]{"2", "attese 3 colonne, trovate 2"});
        files.put(header + "072006,BA-BARI,Bari\n072004,BA-BARI,Altamura\n", new String[]{"3", "ha già il nome"});
        files.put("istat_code,name,population\n066001,Acciano,10\n", new String[]{"2", "è in Abruzzo"});
        for (Map.Entry<String, String[]> file : files.entrySet()) {
            String key = UUID.randomUUID().toString();
            as("regione").contentType("text/csv").header("Idempotency-Key", key)
                    .body(file.getKey().getBytes(StandardCharsets.UTF_8)).queryParam("effectiveFrom", FUTURE)
                    .queryParam("note", NOTE).queryParam("populationAsOf",
                            file.getKey().startsWith("istat_code,name") ? "2024-01-01" : "")
                    .post("/api/territories/puglia/versions").then().statusCode(422)
                    .contentType("application/problem+json").body("title", equalTo("File non valido"))
                    .body("errors[0].line", equalTo(Integer.parseInt(file.getValue()[0])))
                    .body("errors[0].reason", containsString(file.getValue()[1]));
        }

        byte[] latin1 = (header + "072006,BA-BARI,Città di Bari\n").getBytes(StandardCharsets.ISO_8859_1);
        upload("regione", "puglia", latin1, Map.of("effectiveFrom", FUTURE, "note", NOTE)).statusCode(422)
                .body("errors[0].line", equalTo(2)).body("errors[0].reason", containsString("UTF-8"));
        byte[] utf16 = (header + "072006,BA-BARI,Bari\n").getBytes(StandardCharsets.UTF_16);
        upload("regione", "puglia", utf16, Map.of("effectiveFrom", FUTURE, "note", NOTE)).statusCode(422)
                .body("errors[0].line", equalTo(1)).body("errors[0].reason", containsString("UTF-16"));
        upload("regione", "puglia", new byte[0], Map.of("effectiveFrom", FUTURE, "note", NOTE)).statusCode(422)
                .body("errors[0].reason", equalTo("il file è vuoto"));

        String manyFaults = header + ISTAT.municipalities("abruzzo").stream()
                .map(m -> m.istatCode() + ",AQ-01,Ambito").collect(Collectors.joining("\n"));
        upload("regione", "puglia", manyFaults).statusCode(422).body("errors", hasSize(100))
                .body("errorCount", equalTo(305)).body("errors[99].line", equalTo(101));

        byte[] huge = (header + "072006,BA-BARI,Bari,".repeat(1) + "x".repeat(600_000) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        upload("regione", "puglia", huge, Map.of("effectiveFrom", FUTURE, "note", NOTE)).statusCode(413)
                .contentType("application/problem+json");

        byte[] valid = reshapedPuglia().getBytes(StandardCharsets.UTF_8);
        upload("regione", "puglia", valid, Map.of("note", NOTE)).statusCode(400)
                .body("violations.field", hasItem("effectiveFrom"));
        upload("regione", "puglia", valid, Map.of("effectiveFrom", "31/12/2099", "note", NOTE)).statusCode(400)
                .body("violations.field", hasItem("effectiveFrom"));
        upload("regione", "puglia", valid, Map.of("effectiveFrom", FUTURE)).statusCode(400)
                .body("violations.field", hasItem("note"));
        upload("regione", "puglia", valid, Map.of("effectiveFrom", FUTURE, "note", "x".repeat(1001)))
                .statusCode(400).body("violations.field", hasItem("note"));
        upload("regione", "puglia", valid, Map.of("effectiveFrom", FUTURE, "note", NOTE, "populationAsOf",
                "2024-01-01")).statusCode(400).body("violations.field", hasItem("populationAsOf"));
        as("regione").contentType(ContentType.JSON).body("{\"csv\":\"072006,BA-BARI,Bari\"}")
                .queryParam("effectiveFrom", FUTURE).queryParam("note", NOTE)
                .post("/api/territories/puglia/versions").then().statusCode(415)
                .contentType("application/problem+json");

        assertThat(versions("puglia")).as("no version written").isEqualTo(before);
        assertThat(versionAudits()).isEqualTo(audits);
    }

    @Test
    void anUploadRetriedWithItsIdempotencyKeyMakesOneVersion() {
        int before = versions("puglia");
        String key = UUID.randomUUID().toString();
        byte[] file = reshapedPuglia().getBytes(StandardCharsets.UTF_8);
        Map<String, String> parameters = Map.of("effectiveFrom", FUTURE, "note", NOTE);
        int first = as("regione").header("Idempotency-Key", key).contentType("text/csv").body(file)
                .queryParams(parameters).post("/api/territories/puglia/versions").then().statusCode(201)
                .extract().path("version");
        as("regione").header("Idempotency-Key", key).contentType("text/csv").body(file).queryParams(parameters)
                .post("/api/territories/puglia/versions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("version", equalTo(first));
        as("regione").header("Idempotency-Key", key).contentType("text/csv")
                .body((reshapedPuglia() + "072002,BA-METRO,Ambito di prova Bari metropolitana,Bari,prova\n")
                        .getBytes(StandardCharsets.UTF_8))
                .queryParams(parameters).post("/api/territories/puglia/versions").then().statusCode(422);
        assertThat(versions("puglia")).isEqualTo(before + 1);
    }

    @Test
    void aNewerPopulationFileGivesEquityFiguresItsPopulationThroughTheSameUpload() {
        List<Municipality> abruzzo = ISTAT.municipalities("abruzzo");
        String file = "istat_code,name,population\n" + abruzzo.stream()
                .map(m -> m.istatCode() + "," + m.name() + "," + (m.istatCode().equals(PESCARA)
                        ? 119_000
                        : m.population()))
                .collect(Collectors.joining("\n"));
        upload("regione-abruzzo", "abruzzo", file.getBytes(StandardCharsets.UTF_8),
                Map.of("effectiveFrom", FUTURE, "note", NOTE)).statusCode(400)
                .body("violations.field", hasItem("populationAsOf"));
        int version = upload("regione-abruzzo", "abruzzo", file.getBytes(StandardCharsets.UTF_8),
                Map.of("effectiveFrom", FUTURE, "note", NOTE, "populationAsOf", "2024-01-01")).statusCode(201)
                .body("kind", equalTo("POPULATION"))
                .body("populationSource", equalTo("ISTAT, popolazione residente al 1/1/2024"))
                .body("districts", equalTo(11)).body("unplacedMunicipalities", equalTo(208))
                .extract().path("version");
        as(null).get("/api/territories/abruzzo/versions/" + version).then().statusCode(200)
                .body("rows.find { it.istatCode == '" + PESCARA + "' }.population", equalTo(119_000))
                .body("rows.find { it.istatCode == '" + PESCARA + "' }.districtCode", equalTo("ADS-PESCARA"));
        upload("regione-abruzzo", "abruzzo", file.replace(PESCARA + ",Pescara,119000\n", "").getBytes(
                StandardCharsets.UTF_8),
                Map.of("effectiveFrom", FUTURE, "note", NOTE, "populationAsOf",
                        "2024-01-01"))
                .statusCode(422)
                .body("errors[0].line", equalTo(null))
                .body("errors[0].reason", equalTo("manca il comune " + PESCARA + " (Pescara)"));

        String planId = given().auth().oauth2(Tokens.of("regione-abruzzo")).contentType(ContentType.JSON)
                .body(Plans.PUGLIA.replace("puglia", "abruzzo")).post("/api/plans").then().statusCode(201).extract()
                .path("id");
        assertThat(district(synthesis(planId, ""), "ADS-PESCARA")).containsEntry("population", 117166);
        move("regione-abruzzo", planId, version).statusCode(200);
        // The view follows once the read model has taken the move (its version moves with it).
        JsonPath after = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> synthesis(planId, ""), json -> Integer.valueOf(119_000)
                        .equals(district(json, "ADS-PESCARA").get("population")));
        assertThat(after.getString("participation.populationSource"))
                .isEqualTo("ISTAT, popolazione residente al 1/1/2024");
    }

    @Test
    void versionsArePagedAndUnknownOnesAreNotFound() {
        as(null).get("/api/territories/puglia/versions?size=1").then().statusCode(200).body("items", hasSize(1))
                .body("size", equalTo(1));
        as(null).get("/api/territories/puglia/versions?size=101").then().statusCode(400)
                .contentType("application/problem+json");
        as(null).get("/api/territories/puglia/versions/100000").then().statusCode(404);
        as(null).get("/api/territories/puglia/versions/abc").then().statusCode(404);
        as(null).get("/api/territories/lazio/versions").then().statusCode(404);
        as(null).get("/api/territories/puglia?version=100000").then().statusCode(404);
    }
}
