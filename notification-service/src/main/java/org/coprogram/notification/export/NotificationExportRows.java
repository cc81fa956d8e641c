package org.coprogram.notification.export;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** The rows notification-service exports to the person they are about (docs/privacy.md, "Esportazione dei dati"). */
public final class NotificationExportRows {

    private NotificationExportRows() {
    }

    /** What the person follows and why. */
    public record MyFollow(String targetType, String targetId, String reason, OffsetDateTime createdAt) {
    }

    /** The person's e-mail preference (absent: the default, immediate). */
    public record MyPreference(String mode, OffsetDateTime updatedAt) {
    }

    /** A notification addressed to the person, read or not. */
    public record MyNotification(UUID id, String kind, String subjectType, String subjectId, String title,
            String url, String planId, String region, @JsonRawValue String data, String delivery,
            LocalDate digestDay, OffsetDateTime createdAt, OffsetDateTime readAt) {
    }

    /** A mail to the person, sent or waiting: which notification or digest day, its state and attempts. */
    public record MyMail(UUID id, String channel, UUID notificationId, LocalDate digestDay, String status,
            int attempts, OffsetDateTime createdAt, OffsetDateTime sentAt) {
    }
}
