package org.coprogram.meeting.meeting;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.persistence.StringListConverter;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The queries over {@link Meeting}; call within the caller's session, but {@link #read}. */
@ApplicationScoped
public class MeetingRepository {

    private static final String READ = """
            SELECT id, plan_id, type, title, description, themes, district, municipality, province, address,
                   online_url, accessibility_notes, starts_at, ends_at, capacity, registration_closes_at, status,
                   confirmed, last_waitlist_seq, organizer_id, created_at, updated_at, version
            FROM meeting WHERE id = $1""";
    private static final StringListConverter THEMES = new StringListConverter();

    private final Pool pool;

    public MeetingRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The meeting as a detached object, read without Hibernate and outside any session (null if unknown): for a write
     * that checks again, in its own statement, that the meeting still shows what it used.
     */
    public Uni<Meeting> read(UUID id) {
        return pool.preparedQuery(READ).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : meeting(rows.iterator().next()));
    }

    private static Meeting meeting(Row row) {
        Meeting meeting = new Meeting();
        meeting.id = row.getUUID("id");
        meeting.planId = row.getUUID("plan_id");
        meeting.type = MeetingType.valueOf(row.getString("type"));
        meeting.title = row.getString("title");
        meeting.description = row.getString("description");
        meeting.themes = THEMES.convertToEntityAttribute(row.getString("themes"));
        meeting.district = row.getString("district");
        meeting.municipality = row.getString("municipality");
        meeting.province = row.getString("province");
        meeting.address = row.getString("address");
        meeting.onlineUrl = row.getString("online_url");
        meeting.accessibilityNotes = row.getString("accessibility_notes");
        meeting.startsAt = row.getOffsetDateTime("starts_at");
        meeting.endsAt = row.getOffsetDateTime("ends_at");
        meeting.capacity = row.getInteger("capacity");
        meeting.registrationClosesAt = row.getOffsetDateTime("registration_closes_at");
        meeting.status = MeetingStatus.valueOf(row.getString("status"));
        meeting.confirmed = row.getInteger("confirmed");
        meeting.lastWaitlistSeq = row.getInteger("last_waitlist_seq");
        meeting.organizerId = row.getString("organizer_id");
        meeting.createdAt = row.getOffsetDateTime("created_at");
        meeting.updatedAt = row.getOffsetDateTime("updated_at");
        meeting.version = row.getInteger("version");
        return meeting;
    }

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
