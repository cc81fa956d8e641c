package org.coprogram.common.personal;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.personal.PersonalEvents.Follow;
import org.coprogram.common.personal.PersonalEvents.NotificationRequested;

import io.smallrye.mutiny.Uni;

/**
 * Records personal events in the outbox, on the restricted topic only, within the caller's transaction: like every
 * outbox event, one exists if and only if the change it tells of was committed. The record key is the account, so
 * one person's events (a follow started, then ended) stay in order.
 */
@ApplicationScoped
public class PersonalOutbox {

    private final Outbox outbox;

    public PersonalOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<OutboxEvent> notify(NotificationRequested notification) {
        return outbox.record(PersonalEvents.TOPIC, PersonalEvents.NOTIFICATION_REQUESTED, notification.accountId(),
                notification.planId(), notification);
    }

    /** @param planId the plan the followed object belongs to */
    public Uni<OutboxEvent> followStarted(Follow follow, String planId) {
        return outbox.record(PersonalEvents.TOPIC, PersonalEvents.FOLLOW_STARTED, follow.accountId(), planId, follow);
    }

    public Uni<OutboxEvent> followEnded(Follow follow, String planId) {
        return outbox.record(PersonalEvents.TOPIC, PersonalEvents.FOLLOW_ENDED, follow.accountId(), planId, follow);
    }

    public Uni<OutboxEvent> commentPosted(PersonalEvents.CommentPosted comment) {
        return outbox.record(PersonalEvents.TOPIC, PersonalEvents.COMMENT_POSTED, comment.accountId(),
                comment.planId(), comment);
    }

    /** The follow as an unsaved outbox row, for a change written by one SQL statement (see {@link Outbox#event}). */
    public OutboxEvent followStartedEvent(Follow follow, String planId) {
        return outbox.event(PersonalEvents.TOPIC, PersonalEvents.FOLLOW_STARTED, follow.accountId(), planId, follow);
    }

    /** The notification as an unsaved outbox row, for a change written by one SQL statement (see {@link Outbox#event}). */
    public OutboxEvent notificationEvent(NotificationRequested notification) {
        return outbox.event(PersonalEvents.TOPIC, PersonalEvents.NOTIFICATION_REQUESTED, notification.accountId(),
                notification.planId(), notification);
    }
}
