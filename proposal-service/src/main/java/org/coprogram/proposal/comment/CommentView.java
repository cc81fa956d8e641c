package org.coprogram.proposal.comment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A comment as the API shows it: no account data. A deleted or hidden comment that has visible replies is a
 * placeholder ({@code status} DELETED or REMOVED, no body, no organisation, {@code notice} says why); otherwise it is
 * not shown at all. {@code mine} is given to a signed-in caller only; {@code replies} on top-level comments only;
 * {@code anchor} and its {@code anchorResolution} (against the latest published version) on measure comments only.
 */
@Schema(name = "Comment")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommentView(UUID id, TargetType targetType, UUID targetId, UUID parentId, Status status, String body,
        String notice, String organization, Boolean mine, OffsetDateTime createdAt, OffsetDateTime editedAt,
        AnchorSelector anchor, ResolvedAnchor anchorResolution, List<CommentView> replies) {

    @Schema(name = "CommentStatus")
    public enum Status {
        PUBLISHED, DELETED, REMOVED
    }

    static final String DELETED_NOTICE = "commento eliminato";
    static final String REMOVED_NOTICE = "commento rimosso dalla moderazione";
}
