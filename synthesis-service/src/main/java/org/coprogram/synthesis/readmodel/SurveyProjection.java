package org.coprogram.synthesis.readmodel;

import static org.coprogram.synthesis.readmodel.ProposalProjection.place;
import static org.coprogram.synthesis.readmodel.ProposalProjection.text;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ReceivedEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Surveys from {@code coprogram.surveys} and their responses from {@code coprogram.survey-responses}, which partners
 * cannot read (docs/privacy.md). A response is one contribution whose text is its free-text answers; which questions
 * are free text comes from the published definition. Being on another topic, a response may be consumed before its
 * survey's definition (a replay, one consumer behind the other): it then waits for it, up to {@link #DEFINITION_WAIT},
 * rather than losing its text. A rebuild reads coprogram.surveys first. An anonymous response is a contribution
 * without text: counted as a survey response and as a participant, never analysed or shown. survey-service no longer
 * sends its free text; an older event that still does has it dropped here.
 */
@ApplicationScoped
class SurveyProjection {

    static final String PREFIX = "org.coprogram.survey.";
    /** How long a response waits for its survey's definition, which comes on another topic and consumer. */
    static final Duration DEFINITION_WAIT = Duration.ofSeconds(30);
    private static final long RETRY_MILLIS = 200;

    /** What a response needs of its published survey, which never changes once published. */
    private record Definition(String textQuestions, String title, boolean anonymous) {
    }

    // One read per survey instead of one per response. Besides the round trip, every native SELECT through Hibernate
    // adds a plan-cache entry that no later lookup finds equal, so at peak each lookup walked thousands of them.
    private final Cache<UUID, Definition> definitions = Caffeine.newBuilder().maximumSize(10_000).build();
    // Surveys whose definition did not come within the wait: their next responses do not wait again (for a while), so
    // a survey whose definition is missing costs one wait, not one per response.
    private final Cache<UUID, Boolean> waitedFor = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private final ReadModelRepository rows;

    SurveyProjection(ReadModelRepository rows) {
        this.rows = rows;
    }

    Uni<Void> apply(UUID planId, ReceivedEvent event) {
        JsonNode data = event.data();
        return switch (event.type().substring(PREFIX.length())) {
            case "published.v1" -> published(planId, data);
            case "closed.v1" -> rows.surveyClosed(UUID.fromString(data.path("surveyId").asText()));
            case "response-submitted.v1" -> response(planId, data);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> published(UUID planId, JsonNode data) {
        List<String> textQuestions = new ArrayList<>();
        data.path("questions").forEach(q -> {
            String type = q.path("type").asText();
            if ("SHORT_TEXT".equals(type) || "LONG_TEXT".equals(type)) {
                textQuestions.add(q.path("id").asText());
            }
        });
        return rows.insertSurvey(new ReadModelRepository.Survey(UUID.fromString(data.path("id").asText()), planId,
                data.path("title").asText(), data.path("anonymous").asBoolean(), String.join(" ", textQuestions)));
    }

    /** An anonymous response has no respondent id, but is still one person: survey-service allows one each. */
    private static String respondent(JsonNode data) {
        String respondent = text(data, "respondent");
        return respondent != null ? respondent : "response-" + data.path("responseId").asText();
    }

    private Uni<Void> response(UUID planId, JsonNode data) {
        UUID surveyId = UUID.fromString(data.path("surveyId").asText());
        JsonNode profile = data.path("profile");
        long deadline = System.nanoTime()
                + (waitedFor.getIfPresent(surveyId) == null ? DEFINITION_WAIT.toNanos() : 0);
        return definition(surveyId, deadline).flatMap(definition -> {
            boolean anonymous = data.path("anonymous").asBoolean() || definition != null && definition.anonymous();
            String body = anonymous || definition == null ? "" : freeText(data.path("answers"), definition);
            return rows.insertSurveyResponse(new ReadModelRepository.SurveyResponse(
                    UUID.fromString(data.path("responseId").asText()), planId, surveyId, text(profile, "category"),
                    place(profile), definition == null ? null : definition.title(), body,
                    OffsetDateTime.parse(data.path("submittedAt").asText())));
        })
                .call(() -> rows.presence(ReadModelRepository.Presence.of(planId, "survey", respondent(data),
                        place(profile), text(profile, "category"))));
    }

    /** The free-text answers, one per line, in the order of the questions. */
    private static String freeText(JsonNode answers, Definition definition) {
        StringBuilder body = new StringBuilder();
        for (String question : definition.textQuestions().split(" ")) {
            JsonNode answer = answers.path(question);
            if (answer.isTextual() && !answer.asText().isBlank()) {
                body.append(body.isEmpty() ? "" : "\n").append(answer.asText().strip());
            }
        }
        return body.toString();
    }

    /**
     * The definition, looked up again every {@link #RETRY_MILLIS} on this context (the session is bound to it) while
     * it is unknown here, until {@code deadline} ({@link System#nanoTime()}); then null. Each lookup is a statement of
     * its own, so it sees a definition the surveys consumer committed meanwhile.
     */
    private Uni<Definition> definition(UUID surveyId, long deadline) {
        Context context = Vertx.currentContext();
        return definition(surveyId).flatMap(found -> {
            if (found != null || context == null || System.nanoTime() - deadline >= 0) {
                if (found == null) {
                    waitedFor.put(surveyId, true);
                }
                return Uni.createFrom().item(found);
            }
            return Uni.createFrom().<Void>emitter(later -> context.owner().setTimer(RETRY_MILLIS,
                    timer -> context.runOnContext(ignored -> later.complete(null))))
                    .flatMap(ignored -> definition(surveyId, deadline));
        });
    }

    /** Null while the survey is unknown here; only a found definition is kept. */
    private Uni<Definition> definition(UUID surveyId) {
        Definition known = definitions.getIfPresent(surveyId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return rows.survey(surveyId).map(survey -> {
            if (survey == null) {
                return null;
            }
            Definition found = new Definition(survey.textQuestions(), survey.title(), survey.anonymous());
            definitions.put(surveyId, found);
            return found;
        });
    }
}
