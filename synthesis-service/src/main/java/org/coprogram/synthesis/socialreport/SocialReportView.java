package org.coprogram.synthesis.socialreport;

import java.time.OffsetDateTime;
import java.util.UUID;

public record SocialReportView(UUID planId, String districtCode, String districtName, SocialReportStatus status,
        boolean published, SocialReportContent content, OffsetDateTime updatedAt, OffsetDateTime submittedAt) {

    static SocialReportView of(SocialReport report, String districtName) {
        return new SocialReportView(report.planId, report.districtCode, districtName, report.status, report.published,
                report.content, report.updatedAt, report.submittedAt);
    }
}
