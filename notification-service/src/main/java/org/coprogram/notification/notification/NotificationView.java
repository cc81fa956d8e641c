package org.coprogram.notification.notification;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One notification of the caller's notification centre. */
@Schema(name = "Notification")
public record NotificationView(UUID id, String kind, Subject subject, String planId, Map<String, String> data,
        OffsetDateTime createdAt, boolean read) {

    /** What the notification is about, with the portal's link to it. */
    @Schema(name = "NotificationSubject")
    public record Subject(String type, String id, String title, String url) {
    }
}
