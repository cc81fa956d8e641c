package org.coprogram.proposal.participation;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.proposal.comment.CommentRepository.CommentRow;
import org.coprogram.proposal.comment.TargetType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One of the caller's comments as "La mia partecipazione" shows it to its author: where it is, its state, and its text
 * unless the author deleted it (a comment hidden by the moderators is still the author's own text). No account data.
 */
@Schema(name = "MyComment")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MyComment(UUID id, TargetType targetType, UUID targetId, UUID planId, UUID parentId, State state,
        String body, String organization, OffsetDateTime createdAt, OffsetDateTime editedAt) {

    @Schema(name = "MyCommentState")
    public enum State {
        PUBLISHED, HIDDEN, DELETED
    }

    static MyComment of(CommentRow row) {
        State state = row.deletedAt() != null ? State.DELETED : row.hidden() ? State.HIDDEN : State.PUBLISHED;
        return new MyComment(row.id(), row.targetType(), row.targetId(), row.planId(), row.parentId(), state,
                state == State.DELETED ? null : row.body(), row.organization(), row.createdAt(), row.editedAt());
    }
}
