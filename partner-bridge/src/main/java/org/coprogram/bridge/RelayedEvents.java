package org.coprogram.bridge;

import java.util.Set;

import org.coprogram.contracts.EventTypes;

import io.cloudevents.CloudEvent;

/**
 * The one list of event types the partner bridge never relays, though they are on partner-visible topics: records the
 * topics keep forever (docs/operations.md, "Purging withdrawn event types") from before their type was withdrawn from
 * partners. Every other event of the requested topics is relayed.
 */
final class RelayedEvents {

    /** Documented in docs/partners.md, "Types never relayed". */
    static final Set<String> NEVER_RELAYED = Set.of(
            // the full text of a report the region had not published (withdrawn by #23)
            EventTypes.SOCIAL_REPORT_SUBMITTED_V1,
            EventTypes.SOCIAL_REPORT_REOPENED_V1,
            // which district filed before publication, while the public API hides even the count (review of #23)
            EventTypes.SOCIAL_REPORT_SUBMITTED,
            EventTypes.SOCIAL_REPORT_REOPENED,
            // one person's answers with their profile, and an anonymous survey's free text (withdrawn by #24: responses
            // travel on the internal coprogram.survey-responses; the old records stay on coprogram.surveys)
            EventTypes.SURVEY_RESPONSE_SUBMITTED,
            // an erasure request names the account (GDPR art. 17): it travels on coprogram-restricted.erasure only,
            // which the bridge never reads; listed too, so that a misrouted record could not reach a partner
            EventTypes.PERSON_ERASURE_REQUESTED,
            EventTypes.PERSON_ERASURE_COMPLETED);

    private RelayedEvents() {
    }

    /** Whether a partner may receive {@code event}; a record that could not be read as a CloudEvent is not relayed. */
    static boolean relayed(CloudEvent event) {
        return event != null && !NEVER_RELAYED.contains(event.getType());
    }
}
