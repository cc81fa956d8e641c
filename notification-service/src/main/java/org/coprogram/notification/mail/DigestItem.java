package org.coprogram.notification.mail;

import java.time.OffsetDateTime;

/** One line of a digest: a notification of the day. */
public record DigestItem(String kind, String title, String url, OffsetDateTime createdAt) {
}
