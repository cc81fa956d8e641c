package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.coprogram.synthesis.analysis.Corpus;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Contributions imported from Decidim (docs/decidim.md) as proposal-service announces them: proposals with their
 * origin, original URL, supports and comments counts, and their comments, which the synthesis counts and clusters
 * under their proposal's theme and place.
 */
@Tag("service")
@QuarkusTest
class ImportedContributionsTest {

    private static final int PROPOSALS = 30;
    private static final int COMMENTED = 10;

    @Test
    void importedProposalsAndCommentsAreCountedWithTheirOriginAndClusteredUnderTheirProposalsTheme() {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        ConsultationEvents events = new ConsultationEvents(UUID.fromString(planId));
        List<Corpus.Entry> entries = events.corpus.entries();
        Map<String, Integer> commentsByTheme = new HashMap<>();
        Set<String> commentIds = new HashSet<>();
        try (EventPublisher publisher = new EventPublisher()) {
            for (int i = 0; i < PROPOSALS; i++) {
                Corpus.Entry e = entries.get(i);
                UUID id = events.id(e);
                publisher.publish("coprogram.proposals", events.event("coprogram.proposals",
                        "org.coprogram.proposal.submitted.v1", id, ConsultationEvents.data("proposalId", id, "planId",
                                events.planId, "region", "puglia", "kind", "PROPOSAL", "title", e.title(), "body",
                                e.text(), "theme", e.theme(), "municipality", e.municipality().istatCode(),
                                "district", e.municipality().districtCode(), "province",
                                e.municipality().provinceCode(), "category", "CITIZEN", "organization", null,
                                "status", "SUBMITTED", "author", "decidim-author-" + i, "createdAt",
                                OffsetDateTime.parse("2025-01-15T09:30:00Z").plusMinutes(i), "origin", "DECIDIM",
                                "originalUrl", url(i), "supports", 100 - i, "comments", i < COMMENTED ? 2 : 0))
                        .event());
                for (int c = 0; i < COMMENTED && c < 2; c++) {
                    // A comment repeats another contribution of the corpus, so it has a topic to be clustered by.
                    Corpus.Entry said = entries.get(PROPOSALS + i * 2 + c);
                    UUID commentId = UUID.nameUUIDFromBytes((planId + ":comment:" + i + ":" + c).getBytes());
                    commentIds.add(commentId.toString());
                    commentsByTheme.merge(e.theme(), 1, Integer::sum);
                    publisher.publish("coprogram.proposals", events.event("coprogram.proposals",
                            "org.coprogram.proposal.comment-imported.v1", id, ConsultationEvents.data("commentId",
                                    commentId, "proposalId", id, "planId", events.planId, "parentId", null, "body",
                                    said.text(), "locale", "it", "alignment", 1, "depth", 0, "author",
                                    "decidim-commenter-" + c, "origin", "DECIDIM", "originalUrl",
                                    url(i) + "?commentId=" + c + "#comment_" + c, "createdAt",
                                    OffsetDateTime.parse("2025-01-20T18:00:00Z")))
                            .event());
                }
            }
        }
        JsonPath synthesis = awaitSynthesis(planId, json -> json.getLong("totals.comments") == 2L * COMMENTED
                && json.getLong("totals.proposals") == PROPOSALS);

        long supports = 0;
        for (int i = 0; i < PROPOSALS; i++) {
            supports += 100 - i;
        }
        assertThat(synthesis.getLong("totals.supports")).isEqualTo(supports);
        assertThat(synthesis.getLong("totals.contributions")).isEqualTo(PROPOSALS + 2L * COMMENTED);
        assertThat(synthesis.getLong("byKind.find { it.code == 'COMMENT' }.contributions"))
                .isEqualTo(2L * COMMENTED);
        assertThat(synthesis.getString("topProposals[0].origin")).isEqualTo("DECIDIM");
        assertThat(synthesis.getString("topProposals[0].originalUrl")).isEqualTo(url(0));
        assertThat(synthesis.getLong("topProposals[0].supports")).isEqualTo(100);
        assertThat(synthesis.getLong("topProposals[0].comments")).isEqualTo(2);
        commentsByTheme.forEach((theme, count) -> assertThat(
                synthesis.getLong("byTheme.find { it.code == '" + theme + "' }.comments")).as(theme)
                .isEqualTo(count.longValue()));

        JsonPath clusters = given().get("/api/plans/" + planId + "/synthesis/clusters").then().statusCode(200)
                .extract().jsonPath();
        // Every comment is an input of the analysis (near duplicates among them are analysed once).
        assertThat(clusters.getInt("analysis.contributions")).isEqualTo(PROPOSALS + 2 * COMMENTED);
        List<String> members = clusters.getList("analysis.clusters.members.flatten()", String.class);
        assertThat(members).anyMatch(commentIds::contains);

        // A moderator hides a commented proposal: its comments leave the counts with it.
        UUID hidden = events.id(entries.get(0));
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish("coprogram.proposals", events.event("coprogram.proposals",
                    "org.coprogram.proposal.hidden.v1", hidden, ConsultationEvents.data("proposalId", hidden,
                            "planId", events.planId, "visibility", "HIDDEN", "cause", "MODERATOR", "changedAt",
                            OffsetDateTime.now()))
                    .event());
        }
        awaitSynthesis(planId, json -> json.getLong("totals.comments") == 2L * COMMENTED - 2
                && json.getLong("totals.proposals") == PROPOSALS - 1);
    }

    private static String url(int i) {
        return "https://partecipazione.regione.example/processes/piano-sociale/f/12/proposals/" + (100 + i);
    }

    private static JsonPath awaitSynthesis(String planId, Predicate<JsonPath> done) {
        return await("the synthesis of plan " + planId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/plans/" + planId + "/synthesis").then().statusCode(200).extract()
                        .jsonPath(), done);
    }
}
