package org.coprogram.synthesis.socialreport;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

/**
 * Events of social reports, keyed by the report id. A report is restricted to the region and its district until the
 * region publishes it (docs/access-policy.md, "Restricted data"), and so is the fact that a district has filed one: the
 * public API does not even count unpublished reports. So only {@link #PUBLISHED} goes to the partner-visible
 * {@link #TOPIC}, with the content; {@link #SUBMITTED} and {@link #REOPENED}, which say which district filed or had
 * its report reopened, go to {@link #RESTRICTED_TOPIC}, which only this service reads (its read model keeps the
 * reserved view). Neither carries the content.
 */
public final class SocialReportEvents {

    public static final String TOPIC = Topics.SYNTHESIS;
    /** No partner and no other workload may read it (k8s/base/kafka/users.yaml). */
    public static final String RESTRICTED_TOPIC = Topics.RESTRICTED_SOCIAL_REPORTS;
    public static final String SUBMITTED = EventTypes.SOCIAL_REPORT_SUBMITTED;
    public static final String REOPENED = EventTypes.SOCIAL_REPORT_REOPENED;
    public static final String PUBLISHED = EventTypes.SOCIAL_REPORT_PUBLISHED;
    /** Carried the unpublished content; no longer emitted, still read from older records of {@link #TOPIC}. */
    public static final String SUBMITTED_V1 = EventTypes.SOCIAL_REPORT_SUBMITTED_V1;
    /** Carried the reopened draft's content; no longer emitted, still read from older records of {@link #TOPIC}. */
    public static final String REOPENED_V1 = EventTypes.SOCIAL_REPORT_REOPENED_V1;

    private SocialReportEvents() {
    }

    /** A submission or reopening: no content, no person; on {@link #TOPIC} until the review of #23, since restricted. */
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
