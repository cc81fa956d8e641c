package org.coprogram.synthesis.readmodel;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ReceivedEvent;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The platform's own comments, from {@code coprogram.proposals} (docs/dialogue.md): contributions of source
 * {@code COMMENT} with {@code parent_id} the commented target. A comment on a proposal takes the proposal's theme,
 * category and place (and is hidden with it); on a meeting, social report or measure, the theme its event carries and
 * no place (the plan's region as a whole). A deleted or hidden comment leaves; a restored one comes back from its
 * event, which carries it whole.
 */
@ApplicationScoped
class CommentProjection {

    static final String PREFIX = "org.coprogram.comment.";

    private final ReadModelRepository rows;

    CommentProjection(ReadModelRepository rows) {
        this.rows = rows;
    }

    Uni<Void> apply(UUID planId, ReceivedEvent event) {
        JsonNode data = event.data();
        UUID commentId = UUID.fromString(data.path("commentId").asText());
        return switch (event.type().substring(PREFIX.length())) {
            case "created.v1", "restored.v1" -> created(planId, commentId, data);
            case "edited.v1" -> rows.commentEdited(commentId, data.path("body").asText(""));
            case "deleted.v1", "hidden.v1" -> rows.commentRemoved(commentId);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> created(UUID planId, UUID commentId, JsonNode data) {
        UUID targetId = UUID.fromString(data.path("targetId").asText());
        JsonNode created = data.path("createdAt");
        OffsetDateTime createdAt = created.isTextual() ? OffsetDateTime.parse(created.asText()) : null;
        String body = data.path("body").asText("");
        Uni<Void> inserted = "PROPOSAL".equals(data.path("targetType").asText())
                ? rows.insertImportedComment(commentId, targetId, body, null, null, createdAt)
                : rows.insertComment(commentId, planId, targetId, ProposalProjection.text(data, "theme"), body,
                        createdAt);
        return inserted.call(() -> rows.presence(ReadModelRepository.Presence.of(planId, "proposal",
                ProposalProjection.text(data, "author"), ReadModelRepository.Place.NOWHERE, null)));
    }
}
