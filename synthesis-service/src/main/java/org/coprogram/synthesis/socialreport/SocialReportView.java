package org.coprogram.synthesis.socialreport;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A district's Relazione Sociale; {@code id} is the id its comments go under once published
 * ({@code /api/social-reports/{id}/comments}, docs/dialogue.md).
 */
public record SocialReportView(UUID id, UUID planId, String districtCode, String districtName,
        SocialReportStatus status,
        boolean published, SocialReportContent content, OffsetDateTime updatedAt, OffsetDateTime submittedAt) {

    static SocialReportView of(SocialReport report, String districtName) {
        return new SocialReportView(report.id, report.planId, report.districtCode, districtName, report.status,
                report.published,
                report.content, report.updatedAt, report.submittedAt);
    }
}
