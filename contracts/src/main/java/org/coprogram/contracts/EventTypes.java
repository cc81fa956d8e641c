package org.coprogram.contracts;

import java.util.List;

/**
 * Every CloudEvents {@code type} a service publishes, {@code org.coprogram.<aggregate>.<verb>.v<n>}. Each has a JSON
 * Schema in docs/events/schemas named after it ({@code EventTypesTest} checks).
 */
public final class EventTypes {

    public static final String PLAN_CREATED = "org.coprogram.plan.created.v1";
    public static final String PLAN_PHASE_CHANGED = "org.coprogram.plan.phase-changed.v1";
    public static final String PLAN_ADOPTED = "org.coprogram.plan.adopted.v1";
    /** The territory version a plan uses, with its composition: at creation and whenever region staff move it. */
    public static final String PLAN_TERRITORY_CHANGED = "org.coprogram.plan.territory-changed.v1";
    /** Region staff published a version of the plan's document (sections, measures, resources): now public. */
    public static final String PLAN_DOCUMENT_PUBLISHED = "org.coprogram.plan.document-published.v1";

    public static final String PROPOSAL_SUBMITTED = "org.coprogram.proposal.submitted.v1";
    public static final String PROPOSAL_EDITED = "org.coprogram.proposal.edited.v1";
    public static final String PROPOSAL_WITHDRAWN = "org.coprogram.proposal.withdrawn.v1";
    public static final String PROPOSAL_SUPPORTED = "org.coprogram.proposal.supported.v1";
    public static final String PROPOSAL_SUPPORT_WITHDRAWN = "org.coprogram.proposal.support-withdrawn.v1";
    public static final String PROPOSAL_ANSWERED = "org.coprogram.proposal.answered.v1";
    public static final String PROPOSAL_FLAGGED = "org.coprogram.proposal.flagged.v1";
    public static final String PROPOSAL_HIDDEN = "org.coprogram.proposal.hidden.v1";
    public static final String PROPOSAL_RESTORED = "org.coprogram.proposal.restored.v1";
    /** A comment imported with its proposal from a Decidim open-data export (docs/decidim.md). */
    public static final String PROPOSAL_COMMENT_IMPORTED = "org.coprogram.proposal.comment-imported.v1";

    public static final String SURVEY_PUBLISHED = "org.coprogram.survey.published.v1";
    public static final String SURVEY_CLOSED = "org.coprogram.survey.closed.v1";
    public static final String SURVEY_RESPONSE_SUBMITTED = "org.coprogram.survey.response-submitted.v1";

    public static final String MEETING_SCHEDULED = "org.coprogram.meeting.scheduled.v1";
    public static final String MEETING_UPDATED = "org.coprogram.meeting.updated.v1";
    public static final String MEETING_CANCELLED = "org.coprogram.meeting.cancelled.v1";
    public static final String MEETING_REGISTRATION_CONFIRMED = "org.coprogram.meeting.registration-confirmed.v1";
    public static final String MEETING_REGISTRATION_WAITLISTED = "org.coprogram.meeting.registration-waitlisted.v1";
    public static final String MEETING_REGISTRATION_CANCELLED = "org.coprogram.meeting.registration-cancelled.v1";
    public static final String MEETING_REGISTRATION_PROMOTED = "org.coprogram.meeting.registration-promoted.v1";
    public static final String MEETING_MINUTES_PUBLISHED = "org.coprogram.meeting.minutes-published.v1";

    public static final String SOCIAL_REPORT_PUBLISHED = "org.coprogram.social-report.published.v1";
    /** Carries no content; on the restricted topic. */
    public static final String SOCIAL_REPORT_SUBMITTED = "org.coprogram.social-report.submitted.v2";
    public static final String SOCIAL_REPORT_REOPENED = "org.coprogram.social-report.reopened.v2";
    /** No longer emitted; older records carrying content are still in {@link Topics#SYNTHESIS}. */
    public static final String SOCIAL_REPORT_SUBMITTED_V1 = "org.coprogram.social-report.submitted.v1";
    /** No longer emitted; see {@link #SOCIAL_REPORT_SUBMITTED_V1}. */
    public static final String SOCIAL_REPORT_REOPENED_V1 = "org.coprogram.social-report.reopened.v1";

    public static final String INDICATOR_DEFINED = "org.coprogram.indicator.defined.v1";
    public static final String INDICATOR_MEASURED = "org.coprogram.indicator.measured.v1";

    public static final List<String> ALL = List.of(PLAN_CREATED, PLAN_PHASE_CHANGED, PLAN_ADOPTED,
            PLAN_TERRITORY_CHANGED, PLAN_DOCUMENT_PUBLISHED,
            PROPOSAL_SUBMITTED,
            PROPOSAL_EDITED, PROPOSAL_WITHDRAWN, PROPOSAL_SUPPORTED, PROPOSAL_SUPPORT_WITHDRAWN, PROPOSAL_ANSWERED,
            PROPOSAL_FLAGGED, PROPOSAL_HIDDEN, PROPOSAL_RESTORED, PROPOSAL_COMMENT_IMPORTED, SURVEY_PUBLISHED,
            SURVEY_CLOSED,
            SURVEY_RESPONSE_SUBMITTED, MEETING_SCHEDULED, MEETING_UPDATED, MEETING_CANCELLED,
            MEETING_REGISTRATION_CONFIRMED, MEETING_REGISTRATION_WAITLISTED, MEETING_REGISTRATION_CANCELLED,
            MEETING_REGISTRATION_PROMOTED, MEETING_MINUTES_PUBLISHED, SOCIAL_REPORT_PUBLISHED, SOCIAL_REPORT_SUBMITTED,
            SOCIAL_REPORT_REOPENED, SOCIAL_REPORT_SUBMITTED_V1, SOCIAL_REPORT_REOPENED_V1, INDICATOR_DEFINED,
            INDICATOR_MEASURED);

    private EventTypes() {
    }
}
