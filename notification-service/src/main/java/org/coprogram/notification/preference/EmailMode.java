package org.coprogram.notification.preference;

/** How a person receives e-mails: each at once, one digest a day, or none (the notification centre keeps all). */
public enum EmailMode {
    IMMEDIATE, DAILY_DIGEST, NONE
}
