package org.coprogram.synthesis.readmodel;

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
        return Sql.update("INSERT INTO meeting_summary (meeting_id, plan_id, type, title, municipality, district,"
                + " province, status, starts_at, confirmed) VALUES (:id, :plan, :type, :title, :municipality,"
                + " :district, :province, :status, :starts, :confirmed) ON CONFLICT (meeting_id) DO UPDATE SET"
                + " type = excluded.type, title = excluded.title, municipality = excluded.municipality,"
                + " district = excluded.district, province = excluded.province, status = excluded.status,"
                + " starts_at = excluded.starts_at, confirmed = excluded.confirmed",
                Params.of("id", UUID.fromString(data.path("id").asText()), "plan", planId, "type",
                        text(data, "type"), "title", text(data, "title"), "municipality", text(data, "municipality"),
                        "district", text(data, "district"), "province", text(data, "province"), "status",
                        text(data, "status"), "starts", OffsetDateTime.parse(data.path("startsAt").asText()),
                        "confirmed", data.path("confirmed").asInt()))
                .replaceWithVoid();
    }

    private Uni<Void> registration(UUID planId, JsonNode data, boolean present) {
        UUID meetingId = UUID.fromString(data.path("meetingId").asText());
        Uni<Integer> confirmed = Sql.update("UPDATE meeting_summary SET confirmed = :confirmed WHERE meeting_id = :id",
                Params.of("id", meetingId, "confirmed", data.path("confirmed").asInt()));
        if (!present) {
            return confirmed.replaceWithVoid();
        }
        return confirmed.chain(() -> Sql.rows("SELECT municipality, district, province FROM meeting_summary"
                + " WHERE meeting_id = :id", Params.of("id", meetingId)))
                .chain(rows -> {
                    Object[] place = rows.isEmpty() ? new Object[3] : rows.get(0);
                    return Presence.record(planId, "meeting", text(data, "participant"), (String) place[0],
                            (String) place[1], (String) place[2], text(data, "category"));
                });
    }

    /** Minutes replace the meeting's earlier contributions, so publishing again never counts them twice. */
    private Uni<Void> minutes(UUID planId, JsonNode data) {
        UUID meetingId = UUID.fromString(data.path("meetingId").asText());
        OffsetDateTime publishedAt = OffsetDateTime.parse(data.path("publishedAt").asText());
        Uni<Void> chain = Sql.update("DELETE FROM contribution WHERE parent_id = :meeting AND source = 'MEETING'",
                Params.of("meeting", meetingId)).replaceWithVoid();
        JsonNode contributions = data.path("contributions");
        for (int i = 0; i < contributions.size(); i++) {
            JsonNode contribution = contributions.get(i);
            UUID id = UUID.nameUUIDFromBytes((meetingId + ":" + i).getBytes(StandardCharsets.UTF_8));
            chain = chain.chain(() -> Sql.update("INSERT INTO contribution (id, plan_id, source, kind, parent_id,"
                    + " theme, municipality, district, province, body, created_at) VALUES (:id, :plan, 'MEETING',"
                    + " 'MEETING_CONTRIBUTION', :meeting, :theme, :municipality, :district, :province, :body,"
                    + " :created)",
                    Params.of("id", id, "plan", planId, "meeting", meetingId, "theme", text(contribution, "theme"),
                            "municipality", text(data, "municipality"), "district", text(data, "district"),
                            "province", text(data, "province"), "body", contribution.path("text").asText(""),
                            "created", publishedAt))
                    .replaceWithVoid());
        }
        return chain;
    }
}
