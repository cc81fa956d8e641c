package org.coprogram.proposal.comment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A comment in the moderators' queue of its plan: its text even when hidden (the moderators of the plan's region see
 * hidden content), never its author's account or pseudonym. {@code openFlags} are the flags made since the moderators'
 * last decision on it, {@code flags} all of them; {@code reasons} counts every flag's reason.
 */
@Schema(name = "CommentQueueItem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommentQueueItem(UUID id, TargetType targetType, UUID targetId, UUID parentId, String body,
        String organization, boolean hidden, OffsetDateTime createdAt, OffsetDateTime editedAt, int flags,
        int openFlags, OffsetDateTime lastFlaggedAt, OffsetDateTime moderatedAt, List<ReasonCount> reasons) {

    /** How many flags gave this reason. */
    @Schema(name = "CommentFlagReasonCount")
    public record ReasonCount(String reason, long count) {
    }
}
