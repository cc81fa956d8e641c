package org.coprogram.proposal.comment;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

/**
 * Events of comments on {@code coprogram.proposals}, keyed by the commented target's id. People appear only as
 * pseudonyms, never as accounts; a hidden or deleted comment's text is never emitted again (an edit is refused).
 */
public final class CommentEvents {

    public static final String TOPIC = Topics.PROPOSALS;

    private CommentEvents() {
    }

    /** The anchor as events carry it. */
    public record Anchor(int version, String exact, String prefix, String suffix) {
    }

    /** Data of {@code comment.created.v1}. */
    public record Created(UUID commentId, TargetType targetType, UUID targetId, UUID planId, String region,
            UUID parentId, String body, String theme, String author, String organization, Anchor anchor,
            OffsetDateTime createdAt) {

        static Created of(CommentRepository.CommentRow c) {
            return new Created(c.id(), c.targetType(), c.targetId(), c.planId(), c.region(), c.parentId(), c.body(),
                    c.theme(), c.authorPseudonym(), c.organization(), anchorOf(c), c.createdAt());
        }
    }

    /** Data of {@code comment.edited.v1}: the comment with its new text. */
    public record Edited(UUID commentId, TargetType targetType, UUID targetId, UUID planId, String region,
            UUID parentId, String body, String theme, String author, String organization, Anchor anchor,
            OffsetDateTime createdAt, OffsetDateTime editedAt) {

        static Edited of(CommentRepository.CommentRow c) {
            return new Edited(c.id(), c.targetType(), c.targetId(), c.planId(), c.region(), c.parentId(), c.body(),
                    c.theme(), c.authorPseudonym(), c.organization(), anchorOf(c), c.createdAt(), c.editedAt());
        }
    }

    /** Data of {@code comment.restored.v1}: the comment public again, with its text. */
    public record Restored(UUID commentId, TargetType targetType, UUID targetId, UUID planId, String region,
            UUID parentId, String body, String theme, String author, String organization, Anchor anchor,
            OffsetDateTime createdAt, OffsetDateTime restoredAt) {

        static Restored of(CommentRepository.CommentRow c, OffsetDateTime at) {
            return new Restored(c.id(), c.targetType(), c.targetId(), c.planId(), c.region(), c.parentId(),
                    c.body(), c.theme(), c.authorPseudonym(), c.organization(), anchorOf(c), c.createdAt(), at);
        }
    }

    /** Data of {@code comment.deleted.v1} and {@code comment.hidden.v1}: no text. */
    public record Removed(UUID commentId, TargetType targetType, UUID targetId, UUID planId, UUID parentId,
            OffsetDateTime occurredAt) {

        static Removed of(CommentRepository.CommentRow c, OffsetDateTime at) {
            return new Removed(c.id(), c.targetType(), c.targetId(), c.planId(), c.parentId(), at);
        }
    }

    static Anchor anchorOf(CommentRepository.CommentRow c) {
        return c.anchor() == null
                ? null
                : new Anchor(c.anchor().version(), c.anchor().exact(), c.anchor().prefix(), c.anchor().suffix());
    }

    static final String CREATED = EventTypes.COMMENT_CREATED;
    static final String EDITED = EventTypes.COMMENT_EDITED;
    static final String DELETED = EventTypes.COMMENT_DELETED;
    static final String HIDDEN = EventTypes.COMMENT_HIDDEN;
    static final String RESTORED = EventTypes.COMMENT_RESTORED;
}
