package org.coprogram.notification.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.personal.PersonalEvents.Reason;
import org.coprogram.common.personal.PersonalEvents.TargetType;
import org.coprogram.contracts.EventTypes;
import org.coprogram.notification.erasure.NotificationErasure;
import org.coprogram.notification.follow.FollowRepository;
import org.coprogram.notification.notification.NotificationContent;
import org.coprogram.notification.notification.NotificationContent.MailAttachment;
import org.coprogram.notification.notification.NotificationRepository;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The restricted topic {@code coprogram-restricted.personal}: events that name a person's account, written by the
 * services where the person acted (docs/notifications.md). A notification-requested event tells that person; a
 * follow-started or follow-ended event keeps their follows. Idempotent: by event id (the inbox), and by the
 * notificationKey (a second event with the same key for the same person tells nobody twice).
 */
@ApplicationScoped
@Startup
public class PersonalEventsConsumer {

    static final String CHANNEL = "personal";
    private static final int MAX_ATTACHMENT_BASE64 = 2_000_000;

    private final EventInbox inbox;
    private final NotificationRepository notifications;
    private final FollowRepository follows;
    private final NotificationErasure erasure;
    private final Clock clock;

    public PersonalEventsConsumer(EventInbox inbox, NotificationRepository notifications, FollowRepository follows,
            NotificationErasure erasure, Clock clock) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.follows = follows;
        this.erasure = erasure;
        this.clock = clock;
        inbox.register(CHANNEL, this::apply);
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume(message, this::apply);
    }

    /**
     * An event about a person this service has since erased, made before the erasure (in flight on the topic, or
     * relayed late by its service), brings nothing back: no follow, no notification (docs/privacy.md, "Cancellazione").
     */
    Uni<Void> apply(ReceivedEvent event) {
        JsonNode data = event.data();
        OffsetDateTime now = OffsetDateTime.now(clock);
        switch (event.type()) {
            case EventTypes.PERSON_NOTIFICATION_REQUESTED :
                return unlessErased(event, data, account -> notifications.notifyAccount(account, content(data), now)
                        .replaceWithVoid());
            case EventTypes.PERSON_FOLLOW_STARTED :
                return unlessErased(event, data, account -> follows.follow(account, target(data),
                        required(data, "targetId"), Reason.valueOf(data.path("reason").asText(Reason.MANUAL.name())),
                        now));
            case EventTypes.PERSON_FOLLOW_ENDED :
                return follows.unfollow(required(data, "accountId"), target(data), required(data, "targetId"));
            case EventTypes.PERSON_COMMENT_POSTED :
                return erasure.erasedEarlier(required(data, "accountId"), event)
                        .flatMap(erased -> comment(event, data, now, erased));
            default :
                return Uni.createFrom().voidItem();
        }
    }

    private Uni<Void> unlessErased(ReceivedEvent event, JsonNode data,
            java.util.function.Function<String, Uni<Void>> apply) {
        String account = required(data, "accountId");
        return erasure.erasedEarlier(account, event)
                .flatMap(erased -> erased ? Uni.createFrom().voidItem() : apply.apply(account));
    }

    /**
     * A comment on a proposal or meeting: its author follows it from now on (reason COMMENTER), and its followers are
     * told, the author never (this event names the author's account, the public comment.created only a pseudonym). The
     * notification quotes nothing of the comment: a comment hidden or deleted later must not live on in mailboxes.
     * Comments on social reports and measures tell nobody: nobody follows those.
     */
    private Uni<Void> comment(ReceivedEvent event, JsonNode data, OffsetDateTime now, boolean authorErased) {
        TargetType target = TargetType.parse(data.path("targetType").asText()).orElse(null);
        if (target != TargetType.PROPOSAL && target != TargetType.MEETING) {
            return Uni.createFrom().voidItem();
        }
        String author = required(data, "accountId");
        String targetId = required(data, "targetId");
        String planId = data.path("planId").asText(null);
        String url = target == TargetType.PROPOSAL ? "/proposte/" + targetId : "/piani/" + planId + "/incontri";
        String title = target == TargetType.PROPOSAL ? "una proposta che segui" : "un incontro che segui";
        NotificationContent content = new NotificationContent("event:" + event.id(), "COMMENT_CREATED", target.name(),
                targetId, title, url, planId, data.path("region").asText(null), Map.of(), List.of(), event.time());
        // An erased author follows nothing again; the followers are still told (the notice names nobody).
        Uni<Void> followed = authorErased
                ? Uni.createFrom().voidItem()
                : follows.follow(author, target, targetId, Reason.COMMENTER, now);
        return followed.chain(() -> notifications.notifyFollowers(target.name(), targetId, author, content, now))
                .replaceWithVoid();
    }

    private static NotificationContent content(JsonNode data) {
        JsonNode subject = data.path("subject");
        Map<String, String> values = new LinkedHashMap<>();
        data.path("data").fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        List<MailAttachment> attachments = new ArrayList<>();
        for (JsonNode attachment : data.path("attachments")) {
            String base64 = attachment.path("base64").asText("");
            if (base64.length() > MAX_ATTACHMENT_BASE64) {
                throw new IllegalArgumentException("attachment larger than " + MAX_ATTACHMENT_BASE64 + " characters");
            }
            attachments.add(new MailAttachment(attachment.path("filename").asText("allegato"),
                    attachment.path("contentType").asText("application/octet-stream"), base64));
        }
        OffsetDateTime occurred = data.hasNonNull("occurredAt")
                ? OffsetDateTime.parse(data.path("occurredAt").asText())
                : null;
        return new NotificationContent(required(data, "notificationKey"), required(data, "kind"),
                subject.path("type").asText(""), subject.path("id").asText(""), subject.path("title").asText(""),
                subject.path("url").asText(null), data.path("planId").asText(null), data.path("region").asText(null),
                values, attachments, occurred);
    }

    private static TargetType target(JsonNode data) {
        return TargetType.parse(data.path("targetType").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown targetType " + data.path("targetType")));
    }

    private static String required(JsonNode data, String field) {
        String value = data.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("event without " + field);
        }
        return value;
    }
}
