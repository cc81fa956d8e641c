package org.coprogram.meeting.erasure;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The statements of an erasure in meeting-service. Call inside the erasure's transaction. */
@ApplicationScoped
public class ErasureRepository {

    /** The meetings still to come where the person holds a seat or a waitlist place. */
    Uni<List<UUID>> comingMeetingsWithActiveRegistration(String accountId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT DISTINCT r.meeting_id FROM registration r JOIN meeting m ON m.id = r.meeting_id
                WHERE r.person_id = :account AND r.status <> 'CANCELLED' AND m.starts_at > now()
                ORDER BY r.meeting_id""", UUID.class).setParameter("account", accountId).getResultList());
    }

    /**
     * The person's registrations: those of meetings still to come (all cancelled by now) go with their reminder
     * records; those of meetings already held stay, as the attendance the minutes counted, under {@code marker}, a
     * fresh random pseudonym and a fresh code. Meetings and minutes keep {@code marker} instead of the account.
     * Flushes the cancellations made through the entities first.
     */
    Uni<Void> forgetRows(String accountId, String marker) {
        return Panache.getSession().flatMap(session -> session.flush()
                .chain(() -> session.createNativeQuery("""
                        DELETE FROM meeting_reminder_sent s USING registration r
                        WHERE r.id = s.registration_id AND r.person_id = :account""")
                        .setParameter("account", accountId).executeUpdate())
                .chain(() -> session.createNativeQuery("""
                        UPDATE registration r SET person_id = :marker,
                               pseudonym = replace(gen_random_uuid()::text, '-', ''),
                               code = 'cancellato-' || replace(gen_random_uuid()::text, '-', '')
                        FROM meeting m
                        WHERE m.id = r.meeting_id AND r.person_id = :account AND m.starts_at <= now()""")
                        .setParameter("account", accountId).setParameter("marker", marker).executeUpdate())
                .chain(() -> session.createNativeQuery("DELETE FROM registration WHERE person_id = :account")
                        .setParameter("account", accountId).executeUpdate())
                .chain(() -> session.createNativeQuery(
                        "UPDATE meeting SET organizer_id = :marker WHERE organizer_id = :account")
                        .setParameter("account", accountId).setParameter("marker", marker).executeUpdate())
                .chain(() -> session.createNativeQuery(
                        "UPDATE minutes SET updated_by = :marker WHERE updated_by = :account")
                        .setParameter("account", accountId).setParameter("marker", marker).executeUpdate()))
                .replaceWithVoid();
    }
}
