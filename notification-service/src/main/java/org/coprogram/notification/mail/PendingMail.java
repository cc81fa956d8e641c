package org.coprogram.notification.mail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A claimed row of the mail outbox, with what its message needs: for an EMAIL, its notification; for a DIGEST, the
 * day whose notifications it gathers. {@code mode} is the recipient's preference now (null: never chose, IMMEDIATE).
 */
public record PendingMail(UUID id, String accountId, String channel, LocalDate digestDay, String attachments,
        int attempts, String mode, String kind, String subjectType, String subjectId, String title, String url,
        String data, OffsetDateTime createdAt) {

    public boolean isDigest() {
        return "DIGEST".equals(channel);
    }
}
