package org.coprogram.synthesis.opendata;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.contracts.Phase;
import org.coprogram.synthesis.readmodel.NativeRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * What the open-data catalogue may list, and nothing else: plans whose consultation has opened (a draft or a plan still
 * gathering social reports is not public data yet) and the published surveys of those plans (survey-service only
 * announces a survey when it is published: drafts never reach this service). Dates of change come from public
 * contributions only: never from a hidden proposal or a social report, whose dates could tell that one exists.
 */
@ApplicationScoped
@WithSession
public class OpenDataRepository extends NativeRepository {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    /** The phases whose synthesis is published open data: the consultation's opening onwards. */
    static final List<Phase> PUBLIC_PHASES = Arrays.stream(Phase.values())
            .filter(p -> !p.isBefore(Phase.CONSULTATION)).toList();
    private static final String PUBLIC_PHASE_LIST = PUBLIC_PHASES.stream().map(p -> "'" + p.name() + "'")
            .collect(Collectors.joining(", "));
    private static final String LAST_PUBLIC_CONTRIBUTION = "SELECT max(c.created_at) FROM contribution c"
            + " WHERE c.plan_id = p.id AND c.source IN ('PROPOSAL', 'SURVEY', 'MEETING') AND NOT c.hidden";

    public record PlanRow(UUID id, String title, Phase phase, LocalDate periodStart, LocalDate periodEnd,
            LocalDate modified) {
    }

    public record SurveyRow(UUID id, UUID planId, String title, LocalDate modified) {
    }

    /** A plan whose document has a published version: the latest, and whether the plan adopted it. */
    public record DocumentRow(UUID planId, String title, int version, boolean adopted, LocalDate modified) {
    }

    /** The region's plans whose document has a published version (public from then on), oldest first. */
    public Uni<List<DocumentRow>> documents(String region) {
        return rows("SELECT p.id, p.title, max(v.version), p.adoption_resolution IS NOT NULL"
                + " OR p.phase IN ('MONITORING', 'CLOSED'), max(v.published_at) FROM plan p"
                + " JOIN plan_document_version v ON v.plan_id = p.id WHERE p.region = :region"
                + " GROUP BY p.id ORDER BY p.created_at, p.id", named("region", region))
                .map(rows -> rows.stream().map(r -> new DocumentRow((UUID) r[0], (String) r[1], (int) number(r[2]),
                        (Boolean) r[3], latest((OffsetDateTime) r[4], null))).toList());
    }

    /** The region's plans with published open data, oldest first. */
    public Uni<List<PlanRow>> plans(String region) {
        return rows(
                "SELECT p.id, p.title, p.phase, cast(p.period_start AS text), cast(p.period_end AS text), p.updated_at, ("
                        + LAST_PUBLIC_CONTRIBUTION + ") FROM plan p WHERE p.region = :region AND p.phase IN ("
                        + PUBLIC_PHASE_LIST + ") ORDER BY p.created_at, p.id",
                named("region", region))
                .map(rows -> rows.stream().map(r -> new PlanRow((UUID) r[0], (String) r[1],
                        Phase.valueOf((String) r[2]), LocalDate.parse((String) r[3]), LocalDate.parse((String) r[4]),
                        latest((OffsetDateTime) r[5], (OffsetDateTime) r[6]))).toList());
    }

    /** The published surveys of the region's plans with published open data. */
    public Uni<List<SurveyRow>> surveys(String region) {
        return rows("SELECT s.survey_id, s.plan_id, s.title, p.updated_at, (SELECT max(c.created_at) FROM"
                + " contribution c WHERE c.source = 'SURVEY' AND c.parent_id = s.survey_id)"
                + " FROM survey_summary s JOIN plan p ON p.id = s.plan_id"
                + " WHERE p.region = :region AND p.phase IN (" + PUBLIC_PHASE_LIST + ")"
                + " AND s.status IN ('PUBLISHED', 'CLOSED') ORDER BY s.title, s.survey_id", named("region", region))
                .map(rows -> rows.stream().map(r -> new SurveyRow((UUID) r[0], (UUID) r[1], (String) r[2],
                        latest((OffsetDateTime) r[3], (OffsetDateTime) r[4]))).toList());
    }

    private static LocalDate latest(OffsetDateTime a, OffsetDateTime b) {
        OffsetDateTime later = b == null || a != null && a.isAfter(b) ? a : b;
        return later.atZoneSameInstant(ROME).toLocalDate();
    }
}
