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

    Uni<Void> apply(UUID planId, ReceivedEvent event) {
        JsonNode data = event.data();
        UUID proposalId = UUID.fromString(data.path("proposalId").asText());
        return switch (event.type().substring(PREFIX.length())) {
            case "submitted.v1" -> submitted(planId, proposalId, data);
            case "edited.v1" -> edited(proposalId, data);
            case "withdrawn.v1" -> set(proposalId, "status = 'WITHDRAWN'", null);
            case "answered.v1" -> set(proposalId, "status = :value", data.path("status").asText());
            case "hidden.v1" -> set(proposalId, "hidden = true", null);
            case "restored.v1" -> set(proposalId, "hidden = false", null);
            case "supported.v1" -> supports(proposalId, data).call(() -> Presence.record(planId, "proposal",
                    text(data, "supporter"), null, null, null, null));
            case "support-withdrawn.v1" -> supports(proposalId, data);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> submitted(UUID planId, UUID proposalId, JsonNode data) {
        return Sql.update("INSERT INTO contribution (id, plan_id, source, kind, theme, category, municipality,"
                + " district, province, title, body, status, created_at) VALUES (:id, :plan, 'PROPOSAL', :kind,"
                + " :theme, :category, :municipality, :district, :province, :title, :body, :status, :created)"
                + " ON CONFLICT (id) DO NOTHING",
                Params.of("id", proposalId, "plan", planId, "kind", text(data, "kind"), "theme", text(data, "theme"),
                        "category", text(data, "category"), "municipality", text(data, "municipality"), "district",
                        text(data, "district"), "province", text(data, "province"), "title", text(data, "title"),
                        "body", data.path("body").asText(""), "status", text(data, "status"), "created",
                        OffsetDateTime.parse(data.path("createdAt").asText())))
                .call(() -> Presence.record(planId, "proposal", text(data, "author"), text(data, "municipality"),
                        text(data, "district"), text(data, "province"), text(data, "category")))
                .replaceWithVoid();
    }

    private Uni<Void> edited(UUID proposalId, JsonNode data) {
        return Sql.update("UPDATE contribution SET kind = :kind, theme = :theme, municipality = :municipality,"
                + " district = :district, province = :province, title = :title, body = :body WHERE id = :id",
                Params.of("id", proposalId, "kind", text(data, "kind"), "theme", text(data, "theme"), "municipality",
                        text(data, "municipality"), "district", text(data, "district"), "province",
                        text(data, "province"), "title", text(data, "title"), "body", data.path("body").asText("")))
                .replaceWithVoid();
    }

    /** The event carries the count after the change, so applying it is the same whatever came before. */
    private Uni<Void> supports(UUID proposalId, JsonNode data) {
        return Sql.update("UPDATE contribution SET supports = :supports WHERE id = :id",
                Params.of("id", proposalId, "supports", data.path("supports").asInt())).replaceWithVoid();
    }

    private Uni<Void> set(UUID proposalId, String assignment, String value) {
        return Sql.update("UPDATE contribution SET " + assignment + " WHERE id = :id",
                value == null ? Params.of("id", proposalId) : Params.of("id", proposalId, "value", value))
                .replaceWithVoid();
    }

    static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
