package org.coprogram.synthesis.readmodel;

import static org.coprogram.synthesis.readmodel.ProposalProjection.text;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.territory.TerritoryCatalog;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Social reports from {@code coprogram.synthesis}: each finding and practice of a submitted report is a contribution of
 * its district. A reopened report stops counting until it is submitted again, and then replaces what it said before.
 */
@ApplicationScoped
class SocialReportProjection {

    static final String PREFIX = "org.coprogram.social-report.";
    private static final String[] FINDINGS = {"resultsAchieved", "criticalIssues", "unmetNeeds"};

    private final TerritoryCatalog territory;

    SocialReportProjection(TerritoryCatalog territory) {
        this.territory = territory;
    }

    Uni<Void> apply(UUID planId, ReceivedEvent event) {
        JsonNode data = event.data();
        UUID reportId = UUID.fromString(data.path("reportId").asText());
        return switch (event.type().substring(PREFIX.length())) {
            case "submitted.v1" -> submitted(planId, reportId, data);
            case "reopened.v1" -> Sql
                    .update("UPDATE social_report_summary SET status = 'REOPENED' WHERE report_id = :id",
                            Params.of("id", reportId))
                    .chain(() -> Sql.update("UPDATE contribution SET hidden = true WHERE parent_id = :id",
                            Params.of("id", reportId)))
                    .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> submitted(UUID planId, UUID reportId, JsonNode data) {
        String district = data.path("districtCode").asText();
        String province = territory.district(district).flatMap(d -> d.municipalities().stream().findFirst())
                .flatMap(territory::municipality).map(m -> m.provinceCode()).orElse(null);
        OffsetDateTime submittedAt = OffsetDateTime.parse(data.path("submittedAt").asText());
        Uni<Void> chain = Sql
                .update("INSERT INTO social_report_summary (report_id, plan_id, district, province, status)"
                        + " VALUES (:id, :plan, :district, :province, 'SUBMITTED') ON CONFLICT (report_id) DO UPDATE SET"
                        + " status = 'SUBMITTED'",
                        Params.of("id", reportId, "plan", planId, "district", district, "province", province))
                .chain(() -> Sql.update("DELETE FROM contribution WHERE parent_id = :id", Params.of("id", reportId)))
                .replaceWithVoid();
        JsonNode content = data.path("content");
        for (String section : FINDINGS) {
            JsonNode items = content.path(section);
            for (int i = 0; i < items.size(); i++) {
                chain = chain.chain(insert(planId, reportId, section, i, items.get(i), null,
                        items.get(i).path("text").asText(""), district, province, submittedAt));
            }
        }
        JsonNode practices = content.path("effectivePractices");
        for (int i = 0; i < practices.size(); i++) {
            JsonNode practice = practices.get(i);
            chain = chain.chain(insert(planId, reportId, "effectivePractices", i, practice, text(practice, "title"),
                    practice.path("description").asText(""), district, province, submittedAt));
        }
        return chain;
    }

    private static java.util.function.Supplier<Uni<? extends Void>> insert(UUID planId, UUID reportId,
            String section, int index, JsonNode item, String title, String body, String district, String province,
            OffsetDateTime submittedAt) {
        UUID id = UUID.nameUUIDFromBytes((reportId + ":" + section + ":" + index).getBytes(StandardCharsets.UTF_8));
        return () -> Sql.update("INSERT INTO contribution (id, plan_id, source, kind, parent_id, theme, category,"
                + " district, province, title, body, status, created_at) VALUES (:id, :plan, 'SOCIAL_REPORT',"
                + " 'SOCIAL_REPORT', :report, :theme, 'DISTRICT', :district, :province, :title, :body, :section,"
                + " :created)",
                Params.of("id", id, "plan", planId, "report", reportId, "theme", text(item, "theme"), "district",
                        district, "province", province, "title", title, "body", body, "section", section, "created",
                        submittedAt))
                .replaceWithVoid();
    }
}
