package org.coprogram.meeting.registration;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxRepository;
import org.coprogram.common.sql.PositionalStatement;
import org.coprogram.meeting.meeting.Meeting;
import org.coprogram.meeting.meeting.MeetingEvents;
import org.coprogram.meeting.meeting.MeetingStatus;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The queries over {@link Registration}; call within the caller's session, except {@link #claimSeat}, which is a
 * transaction of its own.
 */
@ApplicationScoped
public class RegistrationRepository {

    /**
     * A confirmed registration in one statement, the meeting's row lock held for that statement only. The meeting is
     * locked only if it is scheduled, has a free seat, still shows what was read ($3–$9), and is open both at
     * {@code $2} (the service's clock, read before the meeting) and at {@code clock_timestamp()}, which PostgreSQL
     * evaluates again when it rechecks the row after waiting for its lock (the transaction read its clock after the
     * lock). Then the registration, the seat count with the meeting's version (as Hibernate's update did), the audit
     * entry, the public event carrying the count after it, the person's notice and their follow. Nothing is written
     * when a check fails or the person already has an active registration.
     */
    private static final PositionalStatement CLAIM_SEAT = PositionalStatement.of("""
            WITH seat AS (
                SELECT m.id FROM meeting m
                WHERE m.id = $1::uuid AND m.status = '%1$s'
                  AND m.registration_closes_at >= greatest($2::timestamptz, clock_timestamp())
                  AND m.confirmed < m.capacity
                  AND m.starts_at = $3::timestamptz AND m.ends_at = $4::timestamptz AND m.title = $5::text
                  AND m.description = $6::text AND m.municipality::text = $7::text
                  AND m.address IS NOT DISTINCT FROM $8::text AND m.online_url IS NOT DISTINCT FROM $9::text
                FOR UPDATE),
            reg AS (
                INSERT INTO registration (id, meeting_id, person_id, pseudonym, category, status, code, created_at,
                                          updated_at)
                SELECT $10::uuid, id, $11::text, $12::text, $13::text, '%2$s', $14::text, $2::timestamptz,
                       $2::timestamptz
                FROM seat
                ON CONFLICT (meeting_id, person_id) WHERE status <> '%3$s' DO NOTHING
                RETURNING meeting_id),
            counted AS (
                UPDATE meeting m SET confirmed = m.confirmed + 1, version = m.version + 1 FROM reg
                WHERE m.id = reg.meeting_id
                RETURNING m.id, m.plan_id, m.confirmed, m.capacity),
            made AS (
                SELECT id::text AS subject, plan_id::text AS plan_id, confirmed,
                       json_build_object('meetingId', id, 'registrationId', $10::uuid, 'participant', $12::text,
                                         'category', $13::text, 'status', '%2$s', 'waitlistPosition', NULL,
                                         'confirmed', confirmed, 'capacity', capacity)::text AS payload
                FROM counted),
            audited AS (
                INSERT INTO audit_entry (id, occurred_at, actor, action, target_type, target_id, details)
                SELECT gen_random_uuid(), now(), $11::text, '%4$s', 'meeting', meeting_id::text, $14::text FROM reg
                RETURNING id),
            event AS (
            """.formatted(MeetingStatus.SCHEDULED.name(), RegistrationStatus.CONFIRMED.name(),
            RegistrationStatus.CANCELLED.name(), MeetingEvents.REGISTRATION_CONFIRMED)
            + OutboxRepository.insertMadeFrom("made", 15) + """
                        RETURNING id),
                    notice AS (
                    """ + OutboxRepository.insertFrom("reg", 20) + """
                        RETURNING id),
                    follow AS (
                    """ + OutboxRepository.insertFrom("reg", 28) + """
                        RETURNING id)
                    SELECT confirmed FROM made""");

    private final Pool pool;

    public RegistrationRepository(Pool pool) {
        this.pool = pool;
    }

    /** Writes {@code claim} ({@link #CLAIM_SEAT}): the seats confirmed after it, or null when it wrote nothing. */
    public Uni<Integer> claimSeat(SeatClaim claim) {
        Meeting meeting = claim.meeting();
        Tuple values = Tuple.tuple().addUUID(meeting.id).addOffsetDateTime(claim.at())
                .addOffsetDateTime(meeting.startsAt).addOffsetDateTime(meeting.endsAt).addString(meeting.title)
                .addString(meeting.description).addString(meeting.municipality).addString(meeting.address)
                .addString(meeting.onlineUrl).addUUID(claim.registrationId()).addString(claim.person().accountId())
                .addString(claim.person().pseudonym()).addString(claim.person().category()).addString(claim.code());
        Outbox.addStatementValues(values, claim.event());
        Outbox.addValues(values, claim.notice());
        Outbox.addValues(values, claim.follow());
        return pool.preparedQuery(CLAIM_SEAT.sql()).execute(CLAIM_SEAT.bind(values))
                .map(rows -> rows.size() == 1 ? rows.iterator().next().getInteger("confirmed") : null);
    }

    /** The first of the waiting list, if anyone waits. */
    public Uni<Registration> firstWaitlisted(UUID meetingId) {
        return Registration.<Registration>find("meetingId = ?1 and status = ?2 order by waitlistSeq", meetingId,
                RegistrationStatus.WAITLISTED).firstResult();
    }

    public Uni<Registration> byCode(UUID meetingId, String code) {
        return Registration.<Registration>find("meetingId = ?1 and code = ?2", meetingId, code).firstResult();
    }

    public Uni<List<Registration>> confirmed(UUID meetingId) {
        return Registration.list("meetingId = ?1 and status = ?2", meetingId, RegistrationStatus.CONFIRMED);
    }

    /** A person's registration that is not cancelled, if any. */
    public Uni<Registration> active(UUID meetingId, String personId) {
        return Registration.<Registration>find("meetingId = ?1 and personId = ?2 and status <> ?3", meetingId,
                personId, RegistrationStatus.CANCELLED).firstResult();
    }

    /** 1 for the first of the waiting list. */
    public Uni<Long> waitlistPosition(UUID meetingId, Integer waitlistSeq) {
        return Registration.count("meetingId = ?1 and status = ?2 and waitlistSeq <= ?3", meetingId,
                RegistrationStatus.WAITLISTED, waitlistSeq);
    }
}
