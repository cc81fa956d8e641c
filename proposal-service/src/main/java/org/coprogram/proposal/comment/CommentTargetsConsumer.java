package org.coprogram.proposal.comment;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * What may be commented besides proposals, learned through the inbox (idempotent by event id) from the services that
 * own it: meetings (cancelled ones take no new comments), published social reports, and each published version's
 * measures with their text (for anchors). Each channel records only the types it applies.
 */
@ApplicationScoped
@Startup
public class CommentTargetsConsumer {

    static final String MEETINGS = "comment-meetings";
    static final String REPORTS = "comment-reports";
    static final String MEASURES = "comment-measures";

    private static final Set<String> MEETING_TYPES = Set.of(EventTypes.MEETING_SCHEDULED, EventTypes.MEETING_UPDATED,
            EventTypes.MEETING_CANCELLED);

    private final EventInbox inbox;
    private final CommentRepository comments;

    public CommentTargetsConsumer(EventInbox inbox, CommentRepository comments) {
        this.inbox = inbox;
        this.comments = comments;
        inbox.register(MEETINGS, this::meeting);
        inbox.register(REPORTS, this::report);
        inbox.register(MEASURES, this::measure);
    }

    @Incoming(MEETINGS)
    public Uni<Void> onMeetingEvent(Message<String> message) {
        return inbox.consume(message, event -> MEETING_TYPES.contains(event.type()), this::meeting);
    }

    @Incoming(REPORTS)
    public Uni<Void> onReportEvent(Message<String> message) {
        return inbox.consume(message, event -> EventTypes.SOCIAL_REPORT_PUBLISHED.equals(event.type()),
                this::report);
    }

    @Incoming(MEASURES)
    public Uni<Void> onMeasureEvent(Message<String> message) {
        return inbox.consume(message, event -> EventTypes.PLAN_MEASURE_PUBLISHED.equals(event.type()),
                this::measure);
    }

    /** A meeting's theme is its first one; a cancelled meeting is closed to new comments. */
    Uni<Void> meeting(ReceivedEvent event) {
        JsonNode data = event.data();
        JsonNode themes = data.path("themes");
        String theme = themes.isArray() && !themes.isEmpty() ? themes.get(0).asText() : null;
        boolean cancelled = EventTypes.MEETING_CANCELLED.equals(event.type())
                || "CANCELLED".equals(data.path("status").asText());
        return comments.upsertTarget(TargetType.MEETING, UUID.fromString(data.path("id").asText()),
                UUID.fromString(data.path("planId").asText()), theme, cancelled);
    }

    /** A published social report covers many themes: its comments carry none. */
    Uni<Void> report(ReceivedEvent event) {
        JsonNode data = event.data();
        if (!data.path("published").asBoolean(true)) {
            return Uni.createFrom().voidItem();
        }
        return comments.upsertTarget(TargetType.SOCIAL_REPORT, UUID.fromString(data.path("reportId").asText()),
                UUID.fromString(data.path("planId").asText()), null, false);
    }

    /** The measure's text in this version; the measure takes comments from its first published version on. */
    Uni<Void> measure(ReceivedEvent event) {
        JsonNode data = event.data();
        UUID planId = UUID.fromString(data.path("planId").asText());
        String code = data.path("code").asText();
        UUID measureId = data.hasNonNull("measureId")
                ? UUID.fromString(data.path("measureId").asText())
                : MeasureIds.of(planId, code);
        String theme = data.hasNonNull("theme") ? data.path("theme").asText() : null;
        return comments.insertMeasureText(new CommentRepository.MeasureTextRow(measureId,
                data.path("version").asInt(), planId, code, data.path("title").asText(""),
                data.hasNonNull("description") ? data.path("description").asText() : null, theme))
                .call(() -> comments.upsertTarget(TargetType.MEASURE, measureId, planId, theme, false));
    }
}
