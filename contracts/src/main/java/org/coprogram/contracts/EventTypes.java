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
    /** A value was recorded for an indicator of a measure of the adopted plan (docs/plan-document.md). */
    public static final String PLAN_MEASURE_PROGRESSED = "org.coprogram.plan.measure-progressed.v1";
    /** One measure of a published document version, with its text: one per measure, after the document's event. */
    public static final String PLAN_MEASURE_PUBLISHED = "org.coprogram.plan.measure-published.v1";
    /** Region staff linked a contribution to a measure of the plan, or changed the link's outcome or reason. */
    public static final String PLAN_CONTRIBUTION_LINKED = "org.coprogram.plan.contribution-linked.v1";
    /** Region staff removed a link between a contribution and a measure. */
    public static final String PLAN_CONTRIBUTION_UNLINKED = "org.coprogram.plan.contribution-unlinked.v1";

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

    /** Comments on proposals, meetings, social reports and measures (docs/dialogue.md), keyed by the target's id. */
    public static final String COMMENT_CREATED = "org.coprogram.comment.created.v1";
    public static final String COMMENT_EDITED = "org.coprogram.comment.edited.v1";
    public static final String COMMENT_DELETED = "org.coprogram.comment.deleted.v1";
    public static final String COMMENT_HIDDEN = "org.coprogram.comment.hidden.v1";
    public static final String COMMENT_RESTORED = "org.coprogram.comment.restored.v1";

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

    /** Restricted ({@link Topics#PERSONAL}): ask notification-service to tell one account about something. */
    public static final String PERSON_NOTIFICATION_REQUESTED = "org.coprogram.person.notification-requested.v1";
    /** Restricted ({@link Topics#PERSONAL}): an account now follows a proposal, meeting, plan or theme. */
    public static final String PERSON_FOLLOW_STARTED = "org.coprogram.person.follow-started.v1";
    /** Restricted ({@link Topics#PERSONAL}): an account no longer follows it for that reason. */
    public static final String PERSON_FOLLOW_ENDED = "org.coprogram.person.follow-ended.v1";
    /**
     * Restricted ({@link Topics#PERSONAL}): an account commented on a proposal, meeting, social report or measure; its
     * followers are told, never the author, who follows it from then on.
     */
    public static final String PERSON_COMMENT_POSTED = "org.coprogram.person.comment-posted.v1";
    /**
     * Restricted ({@link Topics#ERASURE}): a person asked to be forgotten (GDPR art. 17); every service holding data
     * about them forgets the account and answers with {@link #PERSON_ERASURE_COMPLETED}.
     */
    public static final String PERSON_ERASURE_REQUESTED = "org.coprogram.person.erasure-requested.v1";
    /** Restricted ({@link Topics#ERASURE}): one service forgot the account of an erasure request (no account id). */
    public static final String PERSON_ERASURE_COMPLETED = "org.coprogram.person.erasure-completed.v1";

    public static final List<String> ALL = List.of(PLAN_CREATED, PLAN_PHASE_CHANGED, PLAN_ADOPTED,
            PLAN_TERRITORY_CHANGED, PLAN_DOCUMENT_PUBLISHED, PLAN_MEASURE_PROGRESSED, PLAN_MEASURE_PUBLISHED,
            PLAN_CONTRIBUTION_LINKED, PLAN_CONTRIBUTION_UNLINKED,
            PROPOSAL_SUBMITTED,
            PROPOSAL_EDITED, PROPOSAL_WITHDRAWN, PROPOSAL_SUPPORTED, PROPOSAL_SUPPORT_WITHDRAWN, PROPOSAL_ANSWERED,
            PROPOSAL_FLAGGED, PROPOSAL_HIDDEN, PROPOSAL_RESTORED, PROPOSAL_COMMENT_IMPORTED, COMMENT_CREATED,
            COMMENT_EDITED, COMMENT_DELETED, COMMENT_HIDDEN, COMMENT_RESTORED, SURVEY_PUBLISHED,
            SURVEY_CLOSED,
            SURVEY_RESPONSE_SUBMITTED, MEETING_SCHEDULED, MEETING_UPDATED, MEETING_CANCELLED,
            MEETING_REGISTRATION_CONFIRMED, MEETING_REGISTRATION_WAITLISTED, MEETING_REGISTRATION_CANCELLED,
            MEETING_REGISTRATION_PROMOTED, MEETING_MINUTES_PUBLISHED, SOCIAL_REPORT_PUBLISHED, SOCIAL_REPORT_SUBMITTED,
            SOCIAL_REPORT_REOPENED, SOCIAL_REPORT_SUBMITTED_V1, SOCIAL_REPORT_REOPENED_V1, INDICATOR_DEFINED,
            INDICATOR_MEASURED, PERSON_NOTIFICATION_REQUESTED, PERSON_FOLLOW_STARTED, PERSON_FOLLOW_ENDED,
            PERSON_COMMENT_POSTED, PERSON_ERASURE_REQUESTED, PERSON_ERASURE_COMPLETED);

    private EventTypes() {
    }
}
