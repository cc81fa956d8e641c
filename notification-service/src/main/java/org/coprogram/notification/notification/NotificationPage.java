package org.coprogram.notification.notification;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the caller's notifications, newest first, with how many of all of them are unread. */
@Schema(name = "NotificationPage")
public record NotificationPage(List<NotificationView> items, int page, int size, long total, long unreadCount) {
}
