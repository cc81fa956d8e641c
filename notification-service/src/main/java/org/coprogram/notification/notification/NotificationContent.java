package org.coprogram.notification.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What one notification says, for every recipient: its dedupe key (the source event's id, or the notificationKey of
 * a notification-requested event), its kind, the thing it is about and the values its templates show.
 */
public record NotificationContent(String key, String kind, String subjectType, String subjectId, String title,
        String url, String planId, String region, Map<String, String> data, List<MailAttachment> attachments,
        OffsetDateTime occurredAt) {

    /** A file sent with the e-mail (a meeting's {@code .ics}), base64 as the event carried it. */
    public record MailAttachment(String filename, String contentType, String base64) {
    }
}
