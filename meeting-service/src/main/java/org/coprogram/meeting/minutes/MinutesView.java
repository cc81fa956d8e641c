package org.coprogram.meeting.minutes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Minutes as shown and as published in {@code meeting.minutes-published.v1}; attendance by category from check-ins. */
public record MinutesView(UUID meetingId, UUID planId, String district, String municipality, String province,
        List<String> themes, String status, String summary, Integer attendance, int checkedIn,
        Map<String, Integer> checkedInByCategory, List<MinutesContent.Contribution> contributions,
        OffsetDateTime publishedAt) {
}
