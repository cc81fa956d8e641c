package org.coprogram.synthesis.readmodel;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ReceivedEvent;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Proposals, their supports, answers, withdrawals and moderation, from {@code coprogram.proposals}. */
@ApplicationScoped
class ProposalProjection {

    static final String PREFIX = "org.coprogram.proposal.";

    private final ReadModelRepository rows;

    ProposalProjection(ReadModelRepository rows) {
        this.rows = rows;
    }

    Uni<Void> apply(UUID planId, ReceivedEvent event) {
        JsonNode data = event.data();
        UUID proposalId = UUID.fromString(data.path("proposalId").asText());
        return switch (event.type().substring(PREFIX.length())) {
            case "submitted.v1" -> submitted(planId, proposalId, data);
            case "edited.v1" -> rows.updateProposal(proposal(planId, proposalId, data));
            case "withdrawn.v1" -> rows.proposalWithdrawn(proposalId);
            case "answered.v1" -> rows.proposalStatus(proposalId, data.path("status").asText());
            case "hidden.v1" -> rows.proposalHidden(proposalId, true);
            case "restored.v1" -> rows.proposalHidden(proposalId, false);
            case "supported.v1" -> supports(proposalId, data).call(() -> rows.presence(ReadModelRepository.Presence
                    .of(planId, "proposal", text(data, "supporter"), ReadModelRepository.Place.NOWHERE, null)));
            case "support-withdrawn.v1" -> supports(proposalId, data);
            case "comment-imported.v1" -> comment(planId, proposalId, data);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> submitted(UUID planId, UUID proposalId, JsonNode data) {
        ReadModelRepository.Proposal proposal = proposal(planId, proposalId, data);
        return rows.insertProposal(proposal)
                .call(() -> data.hasNonNull("origin")
                        ? rows.proposalImported(proposalId, text(data, "origin"), text(data, "originalUrl"),
                                data.path("supports").asInt(), data.path("comments").asInt())
                        : Uni.createFrom().voidItem())
                .call(() -> rows.presence(ReadModelRepository.Presence.of(planId, "proposal", text(data, "author"),
                        proposal.place(), proposal.category())));
    }

    /** A comment imported with its proposal: counted and clustered under the proposal's theme and place. */
    private Uni<Void> comment(UUID planId, UUID proposalId, JsonNode data) {
        JsonNode created = data.path("createdAt");
        return rows.insertImportedComment(UUID.fromString(data.path("commentId").asText()), proposalId,
                data.path("body").asText(""), text(data, "origin"), text(data, "originalUrl"),
                created.isTextual() ? OffsetDateTime.parse(created.asText()) : null)
                .call(() -> rows.presence(ReadModelRepository.Presence.of(planId, "proposal", text(data, "author"),
                        ReadModelRepository.Place.NOWHERE, null)));
    }

    /** The proposal as its submitted or edited event has it; an edit carries no time, status or category. */
    private static ReadModelRepository.Proposal proposal(UUID planId, UUID proposalId, JsonNode data) {
        JsonNode created = data.path("createdAt");
        return new ReadModelRepository.Proposal(proposalId, planId, text(data, "kind"), text(data, "theme"),
                text(data, "category"), place(data), text(data, "title"), data.path("body").asText(""),
                text(data, "status"), created.isTextual() ? OffsetDateTime.parse(created.asText()) : null);
    }

    /** The count after the change, as the event carries it, so applying it is the same whatever came before. */
    private Uni<Void> supports(UUID proposalId, JsonNode data) {
        return rows.proposalSupports(proposalId, data.path("supports").asInt());
    }

    static ReadModelRepository.Place place(JsonNode data) {
        return new ReadModelRepository.Place(text(data, "municipality"), text(data, "district"),
                text(data, "province"));
    }

    static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
