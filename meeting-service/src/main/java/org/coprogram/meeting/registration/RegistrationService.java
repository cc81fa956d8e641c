package org.coprogram.meeting.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.personal.PersonalEvents.Kind;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.meeting.meeting.Meeting;
import org.coprogram.meeting.meeting.MeetingEvents;
import org.coprogram.meeting.meeting.MeetingRepository;
import org.coprogram.meeting.meeting.MeetingService;
import org.coprogram.meeting.meeting.MeetingStatus;
import org.coprogram.meeting.personal.RegistrantNotices;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Seats are handed out under a lock on the meeting row, so concurrent registrations are served one at a time in
 * arrival order: never more confirmed than capacity, waitlist numbers without gaps. The partial unique index
 * {@code registration_one_active} keeps one active registration per person even if two requests race.
 */
@ApplicationScoped
public class RegistrationService {

    /** Who registers: account (for uniqueness), pseudonym (for events), stakeholder category. */
    public record Person(String accountId, String pseudonym, String category) {
    }

    /** The registration and whether this request created it. */
    public record Outcome(RegistrationView view, boolean created) {
    }

    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final SecureRandom random = new SecureRandom();
    private final Outbox outbox;
    private final AuditTrail audit;
    private final MeetingService meetings;
    private final MeetingRepository meetingRows;
    private final RegistrationRepository registrations;
    private final Clock clock;
    private final RegistrantNotices notices;
    private final PlanViews plans;

    public RegistrationService(Outbox outbox, AuditTrail audit, MeetingService meetings, MeetingRepository meetingRows,
            RegistrationRepository registrations, Clock clock, RegistrantNotices notices, PlanViews plans) {
        this.plans = plans;
        this.notices = notices;
        this.clock = clock;
        this.outbox = outbox;
        this.audit = audit;
        this.meetings = meetings;
        this.meetingRows = meetingRows;
        this.registrations = registrations;
    }

    /**
     * A registration while seats remain, in one statement that holds the meeting's lock for itself only
     * ({@link RegistrationRepository#claimSeat}); everything else (no seat left, already registered, closed,
     * cancelled, unknown, or the meeting changed since it was read) through {@link #register}, which gives the reason.
     * The meeting and its plan are read first, outside any transaction and without Hibernate, for the calendar file
     * and the notice.
     */
    public Uni<Outcome> registerAtOnce(UUID meetingId, Person person) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return meetingRows.read(meetingId).flatMap(meeting -> meeting == null || !seatLikely(meeting, now)
                ? Uni.createFrom().<SeatClaim>nullItem()
                : plans.current(meeting.planId).map(plan -> claim(meeting, plan, person, now)))
                .flatMap(claim -> claim == null
                        ? Uni.createFrom().<Outcome>nullItem()
                        : registrations.claimSeat(claim).map(confirmed -> confirmed == null
                                ? null
                                : new Outcome(new RegistrationView(meetingId, RegistrationStatus.CONFIRMED, null,
                                        claim.code()), true)))
                .flatMap(outcome -> outcome != null ? Uni.createFrom().item(outcome) : register(meetingId, person));
    }

    private static boolean seatLikely(Meeting meeting, OffsetDateTime now) {
        return meeting.status != MeetingStatus.CANCELLED && !now.isAfter(meeting.registrationClosesAt)
                && meeting.confirmed < meeting.capacity;
    }

    private SeatClaim claim(Meeting meeting, PlanView plan, Person person, OffsetDateTime now) {
        String code = newCode();
        OutboxEvent event = outbox.eventMadeByStatement(MeetingEvents.TOPIC, MeetingEvents.REGISTRATION_CONFIRMED);
        List<OutboxEvent> personal = notices.confirmedEvents(meeting, plan, person.accountId(), code, event);
        return new SeatClaim(meeting, UUID.randomUUID(), person, code, now, event, personal.get(0), personal.get(1));
    }

    @WithTransaction
    public Uni<Outcome> register(UUID meetingId, Person person) {
        return locked(meetingId).flatMap(meeting -> active(meetingId, person.accountId()).flatMap(existing -> {
            if (existing != null) {
                return view(existing).map(view -> new Outcome(view, false));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            requireOpen(meeting, now);
            Registration registration = new Registration();
            registration.id = UUID.randomUUID();
            registration.meetingId = meetingId;
            registration.personId = person.accountId();
            registration.pseudonym = person.pseudonym();
            registration.category = person.category();
            registration.code = newCode();
            registration.createdAt = now;
            registration.updatedAt = now;
            if (meeting.confirmed < meeting.capacity) {
                registration.status = RegistrationStatus.CONFIRMED;
                meeting.confirmed++;
            } else {
                registration.status = RegistrationStatus.WAITLISTED;
                registration.waitlistSeq = ++meeting.lastWaitlistSeq;
            }
            String type = registration.status == RegistrationStatus.CONFIRMED
                    ? MeetingEvents.REGISTRATION_CONFIRMED
                    : MeetingEvents.REGISTRATION_WAITLISTED;
            Kind kind = registration.status == RegistrationStatus.CONFIRMED
                    ? Kind.REGISTRATION_CONFIRMED
                    : Kind.REGISTRATION_WAITLISTED;
            return registration.<Registration>persist().flatMap(this::view)
                    .call(view -> event(meeting, registration, view, type)
                            .flatMap(source -> notices.registration(meeting, person.accountId(), registration.code,
                                    kind, view.waitlistPosition(), source)))
                    .call(() -> notices.followStarted(meeting, person.accountId()))
                    .map(view -> new Outcome(view, true));
        }));
    }

    /** Frees the person's seat or waitlist place; a freed seat goes to the first still waiting. */
    @WithTransaction
    public Uni<Void> cancel(UUID meetingId, String accountId) {
        return locked(meetingId).flatMap(meeting -> active(meetingId, accountId).flatMap(registration -> {
            if (registration == null) {
                throw ProblemException.notFound("Nessuna iscrizione attiva a questo incontro");
            }
            return cancelLocked(meeting, registration, true);
        }));
    }

    /**
     * Erasure (GDPR art. 17, package {@code erasure}): the person's active registration, if any, is cancelled exactly
     * as the person would cancel it (seat freed, count event emitted, the first waiting promoted), but no personal event
     * names the account (notification-service forgets its follows on its own). Call inside the caller's transaction.
     */
    public Uni<Void> cancelOnErasure(UUID meetingId, String accountId) {
        return locked(meetingId)
                .flatMap(meeting -> active(meetingId, accountId).flatMap(registration -> registration == null
                        ? Uni.createFrom().voidItem()
                        : cancelLocked(meeting, registration, false)));
    }

    private Uni<Void> cancelLocked(Meeting meeting, Registration registration, boolean endFollow) {
        UUID meetingId = meeting.id;
        boolean freedSeat = registration.status == RegistrationStatus.CONFIRMED;
        registration.status = RegistrationStatus.CANCELLED;
        registration.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (freedSeat) {
            meeting.confirmed--;
        }
        Uni<Void> cancelled = event(meeting, registration,
                new RegistrationView(meetingId, RegistrationStatus.CANCELLED, null, registration.code),
                MeetingEvents.REGISTRATION_CANCELLED)
                .flatMap(source -> endFollow
                        ? notices.followEnded(meeting, registration.personId)
                        : Uni.createFrom().voidItem());
        if (!freedSeat || meeting.status == MeetingStatus.CANCELLED) {
            return cancelled;
        }
        return cancelled.chain(() -> promoteFirst(meeting));
    }

    private Uni<Void> promoteFirst(Meeting meeting) {
        return registrations.firstWaitlisted(meeting.id).flatMap(next -> {
            if (next == null) {
                return Uni.createFrom().voidItem();
            }
            next.status = RegistrationStatus.CONFIRMED;
            next.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            meeting.confirmed++;
            return event(meeting, next, new RegistrationView(meeting.id, next.status, null, next.code),
                    MeetingEvents.REGISTRATION_PROMOTED)
                    .flatMap(source -> notices.registration(meeting, next.personId, next.code,
                            Kind.REGISTRATION_PROMOTED, null, source));
        });
    }

    @WithTransaction
    public Uni<RegistrationView> mine(UUID meetingId, String accountId) {
        return active(meetingId, accountId).flatMap(registration -> {
            if (registration == null) {
                throw ProblemException.notFound("Nessuna iscrizione attiva a questo incontro");
            }
            return view(registration);
        });
    }

    /** The organiser checks a person in by their code; checking in twice changes nothing. */
    @WithTransaction
    public Uni<RegistrationView> checkIn(UUID meetingId, String code, Caller caller) {
        return meetings.organised(meetingId, caller).flatMap(meeting -> registrations
                .byCode(meetingId, code == null ? "" : code.strip().toUpperCase()).flatMap(registration -> {
                    if (registration == null) {
                        throw ProblemException.invalidField("code",
                                "codice di iscrizione sconosciuto per questo incontro");
                    }
                    if (registration.status != RegistrationStatus.CONFIRMED) {
                        throw ProblemException.conflict("L'iscrizione non è confermata: " + registration.status);
                    }
                    if (registration.checkedInAt == null) {
                        registration.checkedInAt = OffsetDateTime.now(ZoneOffset.UTC);
                        return audit.record(caller.accountId(), "meeting.check-in", "meeting", meetingId.toString(),
                                registration.code).replaceWith(registration);
                    }
                    return Uni.createFrom().item(registration);
                }).flatMap(this::view));
    }

    /** Confirmed and checked-in people, by stakeholder category; for the organiser. */
    @WithTransaction
    public Uni<Attendance> attendance(UUID meetingId, Caller caller) {
        return meetings.organised(meetingId, caller).flatMap(meeting -> attendanceOf(meetingId));
    }

    /** Counts only; call within a session. */
    public Uni<Attendance> attendanceOf(UUID meetingId) {
        return registrations.confirmed(meetingId).map(confirmed -> {
            Map<String, Integer> byCategory = new TreeMap<>();
            int present = 0;
            for (Registration registration : confirmed) {
                if (registration.checkedInAt != null) {
                    present++;
                    byCategory.merge(registration.category, 1, Integer::sum);
                }
            }
            return new Attendance(confirmed.size(), present, byCategory);
        });
    }

    public record Attendance(int confirmed, int checkedIn, Map<String, Integer> checkedInByCategory) {
    }

    private Uni<RegistrationView> view(Registration registration) {
        if (registration.status != RegistrationStatus.WAITLISTED) {
            return Uni.createFrom().item(new RegistrationView(registration.meetingId, registration.status, null,
                    registration.code));
        }
        return registrations.waitlistPosition(registration.meetingId, registration.waitlistSeq)
                .map(position -> new RegistrationView(registration.meetingId, registration.status,
                        position.intValue(), registration.code));
    }

    private Uni<OutboxEvent> event(Meeting meeting, Registration registration, RegistrationView view, String type) {
        RegistrationEvent data = new RegistrationEvent(meeting.id, registration.id, registration.pseudonym,
                registration.category, view.status(), view.waitlistPosition(), meeting.confirmed, meeting.capacity);
        return outbox.record(MeetingEvents.TOPIC, type, meeting.id.toString(), meeting.planId.toString(), data)
                .call(() -> audit.record(registration.personId, type, "meeting", meeting.id.toString(),
                        registration.code));
    }

    private Uni<Meeting> locked(UUID meetingId) {
        return meetingRows.lock(meetingId).map(meeting -> {
            if (meeting == null) {
                throw ProblemException.notFound("Incontro non trovato");
            }
            return meeting;
        });
    }

    private Uni<Registration> active(UUID meetingId, String accountId) {
        return registrations.active(meetingId, accountId);
    }

    /** Open until its registration closing instant, by the injected clock; a cancelled meeting never. */
    static void requireOpen(Meeting meeting, OffsetDateTime now) {
        if (meeting.status == MeetingStatus.CANCELLED) {
            throw ProblemException.conflict("L'incontro è stato annullato");
        }
        if (now.isAfter(meeting.registrationClosesAt)) {
            throw ProblemException.conflict("Le iscrizioni a questo incontro sono chiuse");
        }
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
