package org.coprogram.common.personal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

/**
 * The data of the restricted personal events ({@link Topics#PERSONAL}), shared so that every emitting service writes
 * the same shape (docs/events/schemas/org.coprogram.person.*.json, docs/dialogue-participation.md). These events name
 * the person's account: they go only to the restricted topic, which notification-service alone reads, never to a
 * public one.
 */
public final class PersonalEvents {

    public static final String TOPIC = Topics.PERSONAL;
    public static final String NOTIFICATION_REQUESTED = EventTypes.PERSON_NOTIFICATION_REQUESTED;
    public static final String FOLLOW_STARTED = EventTypes.PERSON_FOLLOW_STARTED;
    public static final String FOLLOW_ENDED = EventTypes.PERSON_FOLLOW_ENDED;
    public static final String COMMENT_POSTED = EventTypes.PERSON_COMMENT_POSTED;

    /** What the person is told about. */
    public enum Kind {
        PROPOSAL_ANSWERED, PROPOSAL_MERGED, PROPOSAL_HIDDEN, PROPOSAL_RESTORED, REGISTRATION_CONFIRMED, REGISTRATION_WAITLISTED, REGISTRATION_PROMOTED, MEETING_UPDATED, MEETING_CANCELLED, MEETING_REMINDER, SURVEY_CLOSING_SOON
    }

    /**
     * What a person follows. A theme's id is {@code <plan id>:<theme>}; the path segment of
     * {@code /api/me/follows/{type}/{id}} is the lower-case name.
     */
    public enum TargetType {
        PROPOSAL, MEETING, PLAN, THEME;

        public String segment() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<TargetType> ofSegment(String segment) {
            for (TargetType target : values()) {
                if (target.segment().equals(segment)) {
                    return Optional.of(target);
                }
            }
            return Optional.empty();
        }

        public static Optional<TargetType> parse(String name) {
            try {
                return Optional.of(valueOf(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }

    /** Why a person follows it; one follow per person, target and reason. */
    public enum Reason {
        AUTHOR, REGISTRANT, COMMENTER, MANUAL
    }

    /** What the notification is about: {@code url} is the portal path, e.g. {@code /proposte/{id}}. */
    public record Subject(String type, String id, String title, String url) {

        public static Subject proposal(String id, String title) {
            return new Subject("PROPOSAL", id, title, "/proposte/" + id);
        }

        /** The portal has no page per meeting: the plan's meetings page, at the meeting's anchor. */
        public static Subject meeting(String planId, String id, String title) {
            return new Subject("MEETING", id, title, "/piani/" + planId + "/incontri#incontro-" + id);
        }
    }

    /** A file to attach to the message, e.g. the meeting's {@code .ics}. */
    public record Attachment(String filename, String contentType, String base64) {

        public static Attachment text(String filename, String contentType, String content) {
            return new Attachment(filename, contentType,
                    Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Data of {@code person.notification-requested.v1}. {@code notificationKey} is unique per source event and person
     * ({@link #key}); notification-service drops a second request with the same key.
     */
    public record NotificationRequested(String notificationKey, String accountId, Kind kind, Subject subject,
            String planId, String region, Map<String, String> data, List<Attachment> attachments,
            OffsetDateTime occurredAt) {

        public NotificationRequested {
            data = data == null ? Map.of() : Map.copyOf(data);
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /** Data of {@code person.follow-started.v1} and {@code person.follow-ended.v1}. */
    public record Follow(String accountId, TargetType targetType, String targetId, Reason reason) {
    }

    /**
     * Data of {@code person.comment-posted.v1}: who commented on what, so that notification-service tells the target's
     * followers but not the author (the public {@code comment.created.v1} names the author by pseudonym only). No text:
     * a comment hidden or deleted later must not live on in notifications.
     */
    public record CommentPosted(String accountId, String commentId, String targetType, String targetId,
            String parentId, String planId, String region, OffsetDateTime createdAt) {
    }

    /** The notification key of {@code kind} caused by the event (or other source) {@code sourceId}. */
    public static String key(Object sourceId, Kind kind) {
        return sourceId + ":" + kind;
    }

    private PersonalEvents() {
    }
}
