package org.coprogram.meeting.meeting;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The queries over {@link Meeting}; call within the caller's session. */
@ApplicationScoped
public class MeetingRepository {

    /** The meeting, or null if unknown. */
    public Uni<Meeting> find(UUID id) {
        return Meeting.findById(id);
    }

    /** The meeting with its row lock taken, so seats of one meeting are handed out one at a time; null if unknown. */
    public Uni<Meeting> lock(UUID id) {
        return Meeting.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A plan's meetings under the filters that are not null, soonest first. */
    public Uni<Page<Meeting>> list(UUID planId, Filter filter, PageRequest page) {
        StringBuilder query = new StringBuilder("planId = :planId");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("planId", planId);
        if (filter.province() != null) {
            query.append(" and province = :province");
            parameters.put("province", filter.province());
        }
        if (filter.district() != null) {
            query.append(" and district = :district");
            parameters.put("district", filter.district());
        }
        if (filter.from() != null) {
            query.append(" and endsAt >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and startsAt <= :to");
            parameters.put("to", filter.to());
        }
        if (filter.theme() != null) {
            // themes is a JSON array of codes; a theme code never contains a quote.
            query.append(" and themes like :theme");
            parameters.put("theme", "%\"" + filter.theme().replace("\"", "") + "\"%");
        }
        var found = Meeting.<Meeting>find(query.toString(), Sort.ascending("startsAt").and("id"), parameters);
        return found.page(page.page(), page.size()).list()
                .flatMap(items -> found.count().map(total -> new Page<>(items, page.page(), page.size(), total)));
    }

    public record Filter(String province, String district, OffsetDateTime from, OffsetDateTime to, String theme) {
    }
}
