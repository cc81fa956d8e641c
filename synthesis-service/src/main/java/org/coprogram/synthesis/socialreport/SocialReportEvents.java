package org.coprogram.synthesis.socialreport;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Events of social reports on {@code coprogram.synthesis}; keyed by the report id. That topic is partner-visible, and
 * a report is restricted to the region and its district until the region publishes it: so only
 * {@link #PUBLISHED} carries the content. Submission and reopening say that something happened, never what the
 * report says (docs/access-policy.md, "Restricted data").
 */
public final class SocialReportEvents {

    public static final String TOPIC = "coprogram.synthesis";
    public static final String SUBMITTED = "org.coprogram.social-report.submitted.v2";
    public static final String REOPENED = "org.coprogram.social-report.reopened.v2";
    public static final String PUBLISHED = "org.coprogram.social-report.published.v1";
    /** Carried the unpublished content; no longer emitted, still read from older records of the topic. */
    public static final String SUBMITTED_V1 = "org.coprogram.social-report.submitted.v1";
    /** Carried the reopened draft's content; no longer emitted, still read from older records of the topic. */
    public static final String REOPENED_V1 = "org.coprogram.social-report.reopened.v1";

    private SocialReportEvents() {
    }

    /** A submission or reopening: no content, no person. */
    public record ReportStatus(UUID reportId, UUID planId, String region, String districtCode,
            SocialReportStatus status, boolean published, OffsetDateTime submittedAt) {

        static ReportStatus of(SocialReport report, String region) {
            return new ReportStatus(report.id, report.planId, region, report.districtCode, report.status,
                    report.published, report.submittedAt);
        }
    }

    /** A published report, whose content is public from now on. No person is named. */
    public record ReportState(UUID reportId, UUID planId, String region, String districtCode,
            SocialReportStatus status, boolean published, SocialReportContent content, OffsetDateTime submittedAt) {

        static ReportState of(SocialReport report, String region) {
            return new ReportState(report.id, report.planId, region, report.districtCode, report.status,
                    report.published, report.content, report.submittedAt);
        }
    }
}
