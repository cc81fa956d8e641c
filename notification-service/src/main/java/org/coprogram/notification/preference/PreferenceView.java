package org.coprogram.notification.preference;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's e-mail preference. */
@Schema(name = "NotificationPreferences")
public record PreferenceView(@NotNull(message = "è obbligatorio: IMMEDIATE, DAILY_DIGEST o NONE") EmailMode email) {
}
