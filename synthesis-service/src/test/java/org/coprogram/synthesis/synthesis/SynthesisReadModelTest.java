package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.coprogram.synthesis.analysis.Corpus;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The read model over the real broker: a consultation's events go to Kafka as the other services would send them, and
 * the synthesis must count them exactly at every level, ignore duplicates, and come out the same after a replay.
 */
@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SynthesisReadModelTest {

    static final String PLAN = """
            {"region":"puglia","title":"VI Piano Regionale delle Politiche Sociali 2026-2028","periodStart":"2026-01-01",
             "periodEnd":"2028-12-31","themes":[{"code":"anziani","label":"Anziani e non autosufficienza"},
             {"code":"famiglie-minori","label":"Famiglie e minori"},{"code":"disabilita","label":"Disabilità"},
             {"code":"violenza-genere","label":"Violenza di genere"},{"code":"poverta","label":"Povertà e inclusione"},
             {"code":"abitare","label":"Abitare"},{"code":"immigrazione","label":"Immigrazione"},
             {"code":"dipendenze","label":"Dipendenze"},{"code":"welfare-accesso","label":"Welfare d'accesso"}],
             "leps":[]}""";

    /**
     * The consultation the tests read, never change (a rebuild gives the same synthesis back); a test that sends more
     * events publishes a consultation of its own, so no test depends on which ran before it.
     */
    private ConsultationEvents consultation;

    @BeforeEach
    void publishTheConsultationOnce() {
        if (consultation == null) {
            consultation = publishConsultation();
        }
    }

    private ConsultationEvents publishConsultation() {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(PLAN)
                .post("/api/plans").then().statusCode(201).extract().path("id");
        ConsultationEvents published = new ConsultationEvents(UUID.fromString(planId));
        try (EventPublisher publisher = new EventPublisher()) {
            published.events.forEach(e -> publisher.publish(e.topic(), e.event()));
        }
        awaitSynthesis(published, null, null,
                json -> json.getLong("totals.contributions") == expectedContributions(published, e -> true)
                        && json.getLong("totals.supports") == expectedSupports()
                        && json.getLong("totals.participants") == 165);
        return published;
    }

    @Test
    void regionTotalsCountEveryContributionOnce() {
        JsonPath json = synthesis(null, null);

        assertThat(json.getLong("totals.proposals")).isEqualTo(203);
        assertThat(json.getLong("totals.contributions")).isEqualTo(203 + 6 + 3 + 3);
        assertThat(json.getLong("totals.supports")).isEqualTo(466);
        assertThat(json.getLong("totals.surveyResponses")).isEqualTo(6);
        assertThat(json.getLong("totals.meetings")).isEqualTo(1);
        assertThat(json.getLong("totals.meetingContributions")).isEqualTo(3);
        assertThat(json.getLong("totals.socialReports")).isEqualTo(1);
        // 150 authors, 7 supporters who wrote nothing (author-1 also supported), 6 respondents, 2 at the meeting.
        assertThat(json.getLong("totals.participants")).isEqualTo(150 + 7 + 6 + 2);
        assertThat(json.getList("surveys.responses", Integer.class)).containsExactly(6);
    }

    @Test
    void themeAndCategoryFiguresMatchTheEventsSent() {
        JsonPath json = synthesis(null, null);
        List<Corpus.Entry> entries = consultation.corpus.entries();
        for (String theme : List.of("anziani", "famiglie-minori", "abitare", "poverta", "dipendenze")) {
            long proposals = countEntries(i -> entries.get(i).theme().equals(theme));
            long meeting = List.of("anziani", "poverta", "abitare").contains(theme) ? 1 : 0;
            long report = List.of("anziani", "famiglie-minori", "abitare").contains(theme) ? 1 : 0;
            assertThat(json.getLong("byTheme.find { it.code == '" + theme + "' }.contributions")).as(theme)
                    .isEqualTo(proposals + meeting + report);
            assertThat(json.getLong("byTheme.find { it.code == '" + theme + "' }.proposals")).as(theme)
                    .isEqualTo(proposals);
        }
        assertThat(json.getLong("byTheme.find { it.code == '' }.surveyResponses")).isEqualTo(6);
        assertThat(json.getString("byTheme.find { it.code == 'anziani' }.label"))
                .isEqualTo("Anziani e non autosufficienza");
        long tradeUnionProposals = countEntries(i -> consultation.category(i).equals("TRADE_UNION"));
        assertThat(json.getLong("byCategory.find { it.code == 'TRADE_UNION' }.contributions"))
                .isEqualTo(tradeUnionProposals);
        assertThat(json.getString("byCategory.find { it.code == 'TRADE_UNION' }.label"))
                .isEqualTo("Organizzazioni sindacali");
    }

    @Test
    void provinceAndDistrictFiguresAreExact() {
        List<Corpus.Entry> entries = consultation.corpus.entries();
        JsonPath bari = synthesis("province", "BA");
        long inBari = countEntries(i -> entries.get(i).municipality().provinceCode().equals("BA"));
        assertThat(bari.getLong("totals.proposals")).isEqualTo(inBari);
        assertThat(bari.getLong("totals.contributions")).isEqualTo(inBari + 4 + 3);
        assertThat(bari.getLong("totals.socialReports")).isEqualTo(1);
        assertThat(bari.getLong("totals.participants")).isEqualTo(authorsWhere(e -> e.municipality()
                .provinceCode().equals("BA")) + 4);
        assertThat(bari.getString("scope.name")).isEqualTo("Bari");

        JsonPath district = synthesis("district", "BA-BARI");
        long inCity = countEntries(i -> entries.get(i).municipality().istatCode().equals("072006"));
        assertThat(district.getLong("totals.contributions")).isEqualTo(inCity + 4 + 3);
        // The social report speaks for the whole district, not for one of its comuni.
        assertThat(district.getList("byTerritory.code")).containsExactly("072006", "");
        assertThat(district.getLong("byTerritory.find { it.code == '' }.socialReportItems")).isEqualTo(3);

        JsonPath region = synthesis(null, null);
        assertThat(region.getLong("byTerritory.find { it.code == 'BA' }.contributions"))
                .isEqualTo(bari.getLong("totals.contributions"));
        assertThat(region.getLong("byTerritory.find { it.code == 'TA' }.meetingContributions")).isEqualTo(3);
        assertThat(region.getList("byTerritory.code")).containsExactlyInAnyOrder("FG", "BA", "TA", "BR", "LE", "BT");
    }

    @Test
    void participationPerThousandInhabitantsFlagsTerritoriesWellBelowTheMedian() {
        JsonPath json = synthesis(null, null);
        double median = json.getDouble("participation.regionalMedianPer1000");
        List<Map<String, Object>> municipalities = json.getList("participation.municipalities");

        // Most Puglia comuni sent nothing, so the regional median is 0 and those with nobody are flagged.
        assertThat(median).isZero();
        assertThat(municipalities).hasSize(257);
        Map<String, Object> bari = municipalities.stream().filter(m -> m.get("code").equals("072006")).findFirst()
                .orElseThrow();
        assertThat(bari.get("below")).isEqualTo(false);
        assertThat(((Number) bari.get("population")).longValue()).isEqualTo(315933);
        long bariParticipants = ((Number) bari.get("participants")).longValue();
        assertThat(((Number) bari.get("per1000")).doubleValue())
                .isCloseTo(bariParticipants * 1000.0 / 315933, org.assertj.core.data.Offset.offset(0.001));
        assertThat(municipalities.stream().filter(m -> m.get("code").equals("071019")).findFirst().orElseThrow()
                .get("below")).isEqualTo(true);
    }

    @Test
    void duplicatedEventsChangeNothingTwice() {
        ConsultationEvents own = publishConsultation();
        JsonPath before = synthesis(own, null, null);
        try (EventPublisher publisher = new EventPublisher()) {
            own.events.subList(0, 20).forEach(e -> publisher.publish(e.topic(), e.event()));
            own.supportEvents.forEach(e -> publisher.publish(e.topic(), e.event()));
            ConsultationEvents.Topic sentinel = own.event("coprogram.meetings",
                    "org.coprogram.meeting.registration-confirmed.v1", own.meetingId,
                    ConsultationEvents.data("meetingId", own.meetingId, "registrationId", UUID.randomUUID(),
                            "participant", "late-guest", "category", "CITIZEN", "status", "CONFIRMED",
                            "waitlistPosition", null, "confirmed", 3, "capacity", 50));
            publisher.publish(sentinel.topic(), sentinel.event());
        }
        awaitSynthesis(own, null, null, json -> json.getLong("totals.participants") == 166);

        // The sentinel was sent last, on its own partition: duplicates still on their way must change nothing.
        Map<String, Object> expected = withParticipants(before.getMap("totals"), 166);
        await("the totals stay put").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> synthesis(own, null, null).getMap("totals").equals(expected));
        JsonPath after = synthesis(own, null, null);
        assertThat(after.getList("byTheme")).isEqualTo(before.getList("byTheme"));
        assertThat(after.getList("topProposals")).isEqualTo(before.getList("topProposals"));
    }

    @Test
    void replayingEveryTopicFromTheStartRebuildsTheSameSynthesis() {
        String planId = consultation.planId.toString();
        Map<String, Object> region = withoutVersion(synthesis(null, null).getMap(""));
        Map<String, Object> province = withoutVersion(synthesis("province", "BA").getMap(""));
        Map<String, Object> clusters = clusters(planId).getMap("analysis");

        String job = given().auth().oauth2(Tokens.of("regione")).post("/api/plans/" + planId
                + "/synthesis/rebuild").then().statusCode(202).extract().header("Location");
        JsonPath rebuilt = await().atMost(Duration.ofMinutes(2)).until(
                () -> given().auth().oauth2(Tokens.of("regione")).get(job).then().statusCode(200).extract().jsonPath(),
                state -> !"running".equals(state.getString("status")));

        assertThat(rebuilt.getString("status")).isEqualTo("succeeded");
        assertThat(rebuilt.getInt("events")).isEqualTo(consultation.events.size());
        assertThat(withoutVersion(synthesis(null, null).getMap(""))).isEqualTo(region);
        assertThat(withoutVersion(synthesis("province", "BA").getMap(""))).isEqualTo(province);
        assertThat(clusters(planId).getMap("analysis")).isEqualTo(clusters);
    }

    @Test
    void clustersOfThePlanGroupTheCorpusTopics() {
        JsonPath json = clusters(consultation.planId.toString());
        Set<String> homeCare = new HashSet<>();
        consultation.corpus.ofTopic("assistenza-domiciliare")
                .forEach(e -> homeCare.add(consultation.id(e).toString()));

        List<Map<String, Object>> clusters = json.getList("analysis.clusters");
        Map<String, Object> biggestHomeCare = clusters.stream()
                .max((a, b) -> Long.compare(overlap(a, homeCare), overlap(b, homeCare))).orElseThrow();
        assertThat(overlap(biggestHomeCare, homeCare)).isGreaterThanOrEqualTo(20);
        assertThat((String) biggestHomeCare.get("label")).contains("assistenza");
        assertThat(json.getList("analysis.nearDuplicates")).hasSize(1);
    }

    @Test
    void badScopeIsAProblemAndUnknownPlanIsNotFound() {
        String planId = consultation.planId.toString();
        given().get("/api/plans/" + planId + "/synthesis?level=province&code=RM").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("code"));
        given().get("/api/plans/" + planId + "/synthesis?level=galaxy").then().statusCode(400)
                .body("violations[0].field", equalTo("level"));
        given().get("/api/plans/" + UUID.randomUUID() + "/synthesis").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheRegionsStaffMayRebuild() {
        String path = "/api/plans/" + consultation.planId + "/synthesis/rebuild";
        given().post(path).then().statusCode(401);
        given().auth().oauth2(Tokens.of("cittadino")).post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.of("regione-abruzzo")).post(path).then().statusCode(403);
    }

    private long countEntries(Predicate<Integer> match) {
        return countEntries(consultation, match);
    }

    private static long countEntries(ConsultationEvents consultation, Predicate<Integer> match) {
        int n = consultation.corpus.entries().size();
        return java.util.stream.IntStream.range(0, n).filter(consultation::counted).boxed().filter(match).count();
    }

    private static long expectedContributions(ConsultationEvents consultation, Predicate<Integer> match) {
        return countEntries(consultation, match) + 6 + 3 + 3;
    }

    private static long expectedSupports() {
        long sum = 0;
        for (int i = 0; i <= 30; i++) {
            sum += ConsultationEvents.supports(i);
        }
        return sum;
    }

    private long authorsWhere(Predicate<Corpus.Entry> match) {
        List<Corpus.Entry> entries = consultation.corpus.entries();
        Set<Integer> authors = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (match.test(entries.get(i))) {
                authors.add(i % ConsultationEvents.AUTHORS);
            }
        }
        return authors.size();
    }

    private static long overlap(Map<String, Object> cluster, Set<String> ids) {
        return ((List<?>) cluster.get("members")).stream().filter(ids::contains).count();
    }

    private static Map<String, Object> withoutVersion(Map<String, Object> view) {
        Map<String, Object> copy = new java.util.HashMap<>(view);
        copy.remove("version");
        return copy;
    }

    private static Map<String, Object> withParticipants(Map<String, Object> totals, int participants) {
        Map<String, Object> copy = new java.util.HashMap<>(totals);
        copy.put("participants", participants);
        return copy;
    }

    JsonPath synthesis(String level, String code) {
        return synthesis(consultation, level, code);
    }

    private static JsonPath synthesis(ConsultationEvents consultation, String level, String code) {
        var request = given();
        if (level != null) {
            request = request.queryParam("level", level);
        }
        if (code != null) {
            request = request.queryParam("code", code);
        }
        return request.get("/api/plans/" + consultation.planId + "/synthesis").then().statusCode(200).extract()
                .jsonPath();
    }

    private static JsonPath clusters(String planId) {
        return given().get("/api/plans/" + planId + "/synthesis/clusters").then().statusCode(200).extract()
                .jsonPath();
    }

    private static void awaitSynthesis(ConsultationEvents consultation, String level, String code,
            Predicate<JsonPath> done) {
        await("the synthesis of plan " + consultation.planId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> done.test(synthesis(consultation, level, code)));
    }
}
