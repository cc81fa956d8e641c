package org.coprogram.proposal.comment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where an anchor is in the latest published version: {@code CURRENT} with the field and the character offsets of the
 * quote there, or {@code EARLIER_VERSION} (the quote is no longer there: "su una versione precedente") with the
 * version it was written on.
 */
@Schema(name = "CommentAnchorResolution")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedAnchor(Status status, int version, Field field, Integer start, Integer end) {

    @Schema(name = "CommentAnchorStatus")
    public enum Status {
        CURRENT, EARLIER_VERSION
    }

    @Schema(name = "CommentAnchorField")
    public enum Field {
        DESCRIPTION, TITLE
    }

    public static ResolvedAnchor earlier(int version) {
        return new ResolvedAnchor(Status.EARLIER_VERSION, version, null, null, null);
    }
}
