package org.coprogram.notification.follow;

import java.time.OffsetDateTime;

import org.coprogram.common.personal.PersonalEvents.Reason;
import org.coprogram.common.personal.PersonalEvents.TargetType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Something the caller follows. */
@Schema(name = "Follow")
public record FollowView(TargetType targetType, String targetId, Reason reason, OffsetDateTime createdAt) {
}
