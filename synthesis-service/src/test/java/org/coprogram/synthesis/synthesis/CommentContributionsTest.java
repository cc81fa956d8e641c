package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
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
 * The platform's own comments (docs/dialogue.md) as proposal-service announces them: contributions of kind COMMENT, on
 * a proposal under its theme, on a measure under the theme the event carries; hidden and deleted ones leave the
 * synthesis, restored ones come back.
 */
@Tag("service")
@QuarkusTest
class CommentContributionsTest {

    @Test
    void commentsAreCountedUnderTheirThemeAndHiddenOrDeletedOnesLeave() {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        ConsultationEvents events = new ConsultationEvents(UUID.fromString(planId));
        Corpus.Entry e = events.corpus.entries().get(0);
        UUID proposal = events.id(e);
        UUID measure = UUID.randomUUID();
        UUID onProposal = UUID.randomUUID();
        UUID onMeasure = UUID.randomUUID();
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish("coprogram.proposals", events.event("coprogram.proposals",
                    "org.coprogram.proposal.submitted.v1", proposal, ConsultationEvents.data("proposalId", proposal,
                            "planId", events.planId, "region", "puglia", "kind", "PROPOSAL", "title", e.title(),
                            "body", e.text(), "theme", e.theme(), "municipality", e.municipality().istatCode(),
                            "district", e.municipality().districtCode(), "province",
                            e.municipality().provinceCode(), "category", "CITIZEN", "organization", null, "status",
                            "SUBMITTED", "author", "autore", "createdAt", OffsetDateTime.now()))
                    .event());
            publisher.publish("coprogram.proposals", comment(events, "created", onProposal, "PROPOSAL", proposal,
                    null, events.corpus.entries().get(1).text()));
            publisher.publish("coprogram.proposals", comment(events, "created", onMeasure, "MEASURE", measure,
                    "abitare", "Servono più alloggi di emergenza per le famiglie sfrattate."));
        }
        JsonPath synthesis = awaitSynthesis(planId, json -> json.getLong("totals.comments") == 2L);
        assertThat(synthesis.getLong("byTheme.find { it.code == '" + e.theme() + "' }.comments")).isEqualTo(1);
        assertThat(synthesis.getLong("byTheme.find { it.code == 'abitare' }.comments")).isEqualTo(1);

        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish("coprogram.proposals", removed(events, "hidden", onProposal, "PROPOSAL", proposal));
            publisher.publish("coprogram.proposals", removed(events, "deleted", onMeasure, "MEASURE", measure));
        }
        awaitSynthesis(planId, json -> json.getLong("totals.comments") == 0L);

        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish("coprogram.proposals", comment(events, "restored", onProposal, "PROPOSAL", proposal,
                    null, events.corpus.entries().get(1).text()));
        }
        synthesis = awaitSynthesis(planId, json -> json.getLong("totals.comments") == 1L);
        assertThat(synthesis.getLong("byTheme.find { it.code == '" + e.theme() + "' }.comments")).isEqualTo(1);
    }

    private static io.cloudevents.CloudEvent comment(ConsultationEvents events, String verb, UUID id,
            String targetType, UUID target, String theme, String body) {
        return events.event("coprogram.proposals", "org.coprogram.comment." + verb + ".v1", target,
                ConsultationEvents.data("commentId", id, "targetType", targetType, "targetId", target, "planId",
                        events.planId, "region", "puglia", "parentId", null, "body", body, "theme", theme, "author",
                        "commentatore", "organization", null, "anchor", null, "createdAt", OffsetDateTime.now()))
                .event();
    }

    private static io.cloudevents.CloudEvent removed(ConsultationEvents events, String verb, UUID id,
            String targetType, UUID target) {
        return events.event("coprogram.proposals", "org.coprogram.comment." + verb + ".v1", target,
                ConsultationEvents.data("commentId", id, "targetType", targetType, "targetId", target, "planId",
                        events.planId, "parentId", null, "occurredAt", OffsetDateTime.now()))
                .event();
    }

    private static JsonPath awaitSynthesis(String planId, Predicate<JsonPath> done) {
        return await("the synthesis of plan " + planId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/plans/" + planId + "/synthesis").then().statusCode(200).extract()
                        .jsonPath(), done);
    }
}
