package org.coprogram.synthesis.socialreport;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Events of social reports on {@code coprogram.synthesis}; keyed by the report id. */
public final class SocialReportEvents {

    public static final String TOPIC = "coprogram.synthesis";
    public static final String SUBMITTED = "org.coprogram.social-report.submitted.v1";
    public static final String REOPENED = "org.coprogram.social-report.reopened.v1";
    public static final String PUBLISHED = "org.coprogram.social-report.published.v1";

    private SocialReportEvents() {
    }

    /** The report's content travels: the synthesis analyses it. No person is named. */
    public record ReportState(UUID reportId, UUID planId, String region, String districtCode,
            SocialReportStatus status, boolean published, SocialReportContent content, OffsetDateTime submittedAt) {

        static ReportState of(SocialReport report, String region) {
            return new ReportState(report.id, report.planId, region, report.districtCode, report.status,
                    report.published, report.content, report.submittedAt);
        }
    }
}
