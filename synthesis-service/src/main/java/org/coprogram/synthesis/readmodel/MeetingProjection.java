package org.coprogram.synthesis.readmodel;

import static org.coprogram.synthesis.readmodel.ProposalProjection.place;
import static org.coprogram.synthesis.readmodel.ProposalProjection.text;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ReceivedEvent;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Meetings, who registered (as participants of the meeting's territory) and the contributions in published minutes,
 * from {@code coprogram.meetings}.
 */
@ApplicationScoped
class MeetingProjection {

    static final String PREFIX = "org.coprogram.meeting.";

    private final ReadModelRepository rows;

    MeetingProjection(ReadModelRepository rows) {
        this.rows = rows;
    }

    Uni<Void> apply(UUID planId, ReceivedEvent event) {
        JsonNode data = event.data();
        return switch (event.type().substring(PREFIX.length())) {
            case "scheduled.v1", "updated.v1", "cancelled.v1" -> meeting(planId, data);
            case "registration-confirmed.v1", "registration-waitlisted.v1", "registration-promoted.v1" ->
                registration(planId, data, true);
            case "registration-cancelled.v1" -> registration(planId, data, false);
            case "minutes-published.v1" -> minutes(planId, data);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> meeting(UUID planId, JsonNode data) {
        return rows.upsertMeeting(new ReadModelRepository.Meeting(UUID.fromString(data.path("id").asText()), planId,
                text(data, "type"), text(data, "title"), place(data), text(data, "status"),
                OffsetDateTime.parse(data.path("startsAt").asText()), data.path("confirmed").asInt()));
    }

    private Uni<Void> registration(UUID planId, JsonNode data, boolean present) {
        UUID meetingId = UUID.fromString(data.path("meetingId").asText());
        Uni<Void> confirmed = rows.meetingConfirmed(meetingId, data.path("confirmed").asInt());
        if (!present) {
            return confirmed;
        }
        return confirmed.chain(() -> rows.meetingPlace(meetingId))
                .chain(place -> rows.presence(ReadModelRepository.Presence.of(planId, "meeting",
                        text(data, "participant"), place, text(data, "category"))));
    }

    /** Minutes replace the meeting's earlier contributions, so publishing again never counts them twice. */
    private Uni<Void> minutes(UUID planId, JsonNode data) {
        UUID meetingId = UUID.fromString(data.path("meetingId").asText());
        OffsetDateTime publishedAt = OffsetDateTime.parse(data.path("publishedAt").asText());
        Uni<Void> chain = rows.deleteMeetingContributions(meetingId);
        JsonNode contributions = data.path("contributions");
        for (int i = 0; i < contributions.size(); i++) {
            JsonNode contribution = contributions.get(i);
            UUID id = UUID.nameUUIDFromBytes((meetingId + ":" + i).getBytes(StandardCharsets.UTF_8));
            ReadModelRepository.MeetingContribution row = new ReadModelRepository.MeetingContribution(id, planId,
                    meetingId, text(contribution, "theme"), place(data), contribution.path("text").asText(""),
                    publishedAt);
            chain = chain.chain(() -> rows.insertMeetingContribution(row));
        }
        return chain;
    }
}
