package org.coprogram.proposal.comment;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Public comment counts per target id (0 for targets without comments or unknown here). */
@Schema(name = "CommentCounts")
public record CommentCounts(TargetType targetType, Map<UUID, Integer> counts) {
}
