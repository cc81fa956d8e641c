package org.coprogram.synthesis.readmodel;

import static org.coprogram.synthesis.readmodel.ProposalProjection.text;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.synthesis.socialreport.SocialReport;
import org.coprogram.synthesis.socialreport.SocialReportEvents;
import org.coprogram.synthesis.socialreport.SocialReportRepository;
import org.coprogram.synthesis.socialreport.SocialReportStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Social reports from {@code coprogram.synthesis} and {@code coprogram-restricted.social-reports}: each finding and
 * practice of a submitted report is a contribution of its district. A reopened report stops counting until it is
 * submitted again, and then replaces what it said before.
 *
 * <p>
 * Until the region publishes it a report is restricted: its items are kept with {@code restricted = true}, which
 * every public view leaves out, and their text is read from this service's own {@code social_report} table, because
 * no topic carries unpublished content.
 * <p>
 * A report's events are on two topics (publication on the partner-visible one, submission and reopening on the
 * restricted one), and Kafka orders nothing across topics: a reopening may be read before the publication that came
 * first. So every event of a report this service holds says only "look again": the report is projected as the table
 * has it now, whatever the event's type and order. Only a report the table does not hold (events of another
 * deployment, test fixtures) is projected from its events, as they come.
 */
@ApplicationScoped
class SocialReportProjection {

    static final String PREFIX = "org.coprogram.social-report.";
    private static final String[] FINDINGS = {"resultsAchieved", "criticalIssues", "unmetNeeds"};

    private final TerritoryCatalog territory;
    private final ObjectMapper json;
    private final ReadModelRepository rows;
    private final SocialReportRepository reports;

    SocialReportProjection(TerritoryCatalog territory, ObjectMapper json, ReadModelRepository rows,
            SocialReportRepository reports) {
        this.reports = reports;
        this.territory = territory;
        this.json = json;
        this.rows = rows;
    }

    Uni<Void> apply(UUID planId, ReceivedEvent event) {
        JsonNode data = event.data();
        UUID reportId = UUID.fromString(data.path("reportId").asText());
        return switch (event.type()) {
            case SocialReportEvents.SUBMITTED, SocialReportEvents.SUBMITTED_V1, SocialReportEvents.PUBLISHED,
                    SocialReportEvents.REOPENED, SocialReportEvents.REOPENED_V1 ->
                reports.find(reportId).flatMap(report -> report != null
                        ? current(planId, report)
                        : fromEvent(planId, reportId, event.type(), data));
            default -> Uni.createFrom().voidItem();
        };
    }

    /** The report as this service's table has it now. */
    private Uni<Void> current(UUID planId, SocialReport report) {
        if (report.status != SocialReportStatus.SUBMITTED) {
            return reopened(report.id);
        }
        return replace(planId, report.id, report.districtCode, report.submittedAt, json.valueToTree(report.content),
                report.published);
    }

    /** A report known only from its events. A v1 record's own content is never used: it may be an unpublished draft. */
    private Uni<Void> fromEvent(UUID planId, UUID reportId, String type, JsonNode data) {
        String district = data.path("districtCode").asText();
        OffsetDateTime submittedAt = OffsetDateTime.parse(data.path("submittedAt").asText());
        return switch (type) {
            case SocialReportEvents.PUBLISHED -> replace(planId, reportId, district, submittedAt,
                    data.path("content"), true);
            case SocialReportEvents.REOPENED, SocialReportEvents.REOPENED_V1 -> reopened(reportId);
            default -> replace(planId, reportId, district, submittedAt, json.createObjectNode(), false);
        };
    }

    private Uni<Void> reopened(UUID reportId) {
        return rows.reportReopened(reportId);
    }

    private Uni<Void> replace(UUID planId, UUID reportId, String district, OffsetDateTime submittedAt,
            JsonNode content, boolean published) {
        String province = territory.district(district).flatMap(d -> d.municipalities().stream().findFirst())
                .flatMap(territory::municipality).map(m -> m.provinceCode()).orElse(null);
        Item item = new Item(planId, reportId, district, province, submittedAt, !published);
        Uni<Void> chain = rows.reportSubmitted(reportId, planId, district, province, published)
                .chain(() -> rows.deleteReportItems(reportId));
        for (String section : FINDINGS) {
            JsonNode items = content.path(section);
            for (int i = 0; i < items.size(); i++) {
                ReadModelRepository.SocialReportItem row = item.row(section, i, items.get(i), null,
                        items.get(i).path("text").asText(""));
                chain = chain.chain(() -> rows.insertReportItem(row));
            }
        }
        JsonNode practices = content.path("effectivePractices");
        for (int i = 0; i < practices.size(); i++) {
            JsonNode practice = practices.get(i);
            ReadModelRepository.SocialReportItem row = item.row("effectivePractices", i, practice,
                    text(practice, "title"), practice.path("description").asText(""));
            chain = chain.chain(() -> rows.insertReportItem(row));
        }
        return chain;
    }

    /** Where the items of one report go. */
    private record Item(UUID planId, UUID reportId, String district, String province, OffsetDateTime submittedAt,
            boolean restricted) {

        ReadModelRepository.SocialReportItem row(String section, int index, JsonNode item, String title,
                String body) {
            UUID id = UUID.nameUUIDFromBytes((reportId + ":" + section + ":" + index).getBytes(StandardCharsets.UTF_8));
            return new ReadModelRepository.SocialReportItem(id, planId, reportId, text(item, "theme"), district,
                    province, title, body, section, submittedAt, restricted);
        }
    }
}
