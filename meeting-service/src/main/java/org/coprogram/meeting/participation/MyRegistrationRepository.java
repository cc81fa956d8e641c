package org.coprogram.meeting.participation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.meeting.meeting.MeetingStatus;
import org.coprogram.meeting.registration.RegistrationStatus;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A person's registrations with their meetings: one statement for the page, one for the total. */
@ApplicationScoped
public class MyRegistrationRepository {

    private static final String PAGE = """
            SELECT r.meeting_id, m.plan_id, m.title, m.starts_at, m.ends_at, m.status AS meeting_status, r.status,
                   r.code, r.created_at, r.checked_in_at,
                   CASE WHEN r.status = 'WAITLISTED' THEN (
                       SELECT count(*) FROM registration w
                       WHERE w.meeting_id = r.meeting_id AND w.status = 'WAITLISTED'
                         AND w.waitlist_seq <= r.waitlist_seq) END AS waitlist_position
            FROM registration r JOIN meeting m ON m.id = r.meeting_id
            WHERE r.person_id = $1
            ORDER BY r.created_at DESC, r.id
            LIMIT $2 OFFSET $3""";

    private static final String COUNT = "SELECT count(*) FROM registration WHERE person_id = $1";

    private final Pool pool;

    MyRegistrationRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<MyRegistration>> of(String personId, PageRequest page) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(personId, page.size(), (long) page.page() * page.size()))
                .flatMap(rows -> {
                    List<MyRegistration> items = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        items.add(registration(row));
                    }
                    return pool.preparedQuery(COUNT).execute(Tuple.of(personId))
                            .map(count -> new Page<>(items, page.page(), page.size(),
                                    count.iterator().next().getLong(0)));
                });
    }

    private static MyRegistration registration(Row row) {
        Long position = row.getLong("waitlist_position");
        return new MyRegistration(row.getUUID("meeting_id"), row.getUUID("plan_id"), row.getString("title"),
                row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at"),
                MeetingStatus.valueOf(row.getString("meeting_status")),
                RegistrationStatus.valueOf(row.getString("status")),
                position == null ? null : position.intValue(), row.getString("code"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("checked_in_at"));
    }
}
