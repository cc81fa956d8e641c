package org.coprogram.common.personal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The data of the erasure events (GDPR art. 17; docs/privacy.md, "Cancellazione (art. 17)"), shared so that the
 * requesting service and every forgetting one read and write the same shape
 * (docs/events/schemas/org.coprogram.person.erasure-*.json). Both travel on the restricted {@link Topics#ERASURE} only.
 */
public final class ErasureEvents {

    public static final String TOPIC = Topics.ERASURE;
    public static final String REQUESTED = EventTypes.PERSON_ERASURE_REQUESTED;
    public static final String COMPLETED = EventTypes.PERSON_ERASURE_COMPLETED;

    /** The services that hold data about people: each forgets the account and answers with a completion. */
    public static final List<String> SERVICES = List.of("proposal-service", "survey-service", "meeting-service",
            "notification-service");

    /** What becomes of the person's contributions (proposals, comments, answers). */
    public enum Contributions {
        /** Kept, with the account link gone and a fresh random pseudonym in place of the one derived from it. */
        PSEUDONYMOUS,
        /** Withdrawn as their author would withdraw them (and, where nothing can be withdrawn, kept pseudonymous). */
        WITHDRAW
    }

    /** Data of {@code person.erasure-requested.v1}: names the account, so restricted. */
    public record Requested(UUID erasureId, String accountId, Contributions contributions,
            OffsetDateTime requestedAt) {

        /** The event's data; throws on a malformed one (the inbox parks it). */
        public static Requested of(JsonNode data) {
            String account = data.path("accountId").asText("");
            if (account.isBlank()) {
                throw new IllegalArgumentException("erasure request without accountId");
            }
            return new Requested(UUID.fromString(data.path("erasureId").asText()), account,
                    Contributions.valueOf(data.path("contributions").asText(Contributions.PSEUDONYMOUS.name())),
                    OffsetDateTime.parse(data.path("requestedAt").asText()));
        }
    }

    /** Data of {@code person.erasure-completed.v1}: which service is done; no account id. */
    public record Completed(UUID erasureId, String service, OffsetDateTime completedAt) {
    }

    /** The one service that takes erasure requests: the CloudEvents source a request must carry. */
    public static final String REQUESTER = "/proposal-service";

    /**
     * An erasure request from proposal-service. Every service writes the topic (its completions), so a request from
     * any other source is not one: a compromised service must not be able to erase people everywhere.
     */
    public static boolean isRequest(ReceivedEvent event) {
        return REQUESTED.equals(event.type()) && REQUESTER.equals(event.source());
    }

    /** What replaces an erased account where a row must keep a non-null actor (audit trail). */
    public static String erasedActor(UUID erasureId) {
        return "cancellato:" + erasureId;
    }

    private ErasureEvents() {
    }
}
