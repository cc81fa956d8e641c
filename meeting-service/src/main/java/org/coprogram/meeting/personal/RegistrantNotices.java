package org.coprogram.meeting.personal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.personal.PersonalEvents;
import org.coprogram.common.personal.PersonalEvents.Attachment;
import org.coprogram.common.personal.PersonalEvents.Follow;
import org.coprogram.common.personal.PersonalEvents.Kind;
import org.coprogram.common.personal.PersonalEvents.NotificationRequested;
import org.coprogram.common.personal.PersonalEvents.Reason;
import org.coprogram.common.personal.PersonalEvents.Subject;
import org.coprogram.common.personal.PersonalEvents.TargetType;
import org.coprogram.common.personal.PersonalOutbox;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.meeting.meeting.Meeting;
import org.coprogram.meeting.meeting.MeetingCalendar;
import org.coprogram.meeting.reminder.ReminderRepository;

import io.smallrye.mutiny.Uni;

/**
 * What meeting-service tells notification-service about a registrant, on the restricted personal topic, in the
 * transaction of the change (docs/dialogue-participation.md). A registrant follows the meeting while registered, so
 * notification-service tells them of its update or cancellation from the public meeting events; the registration's own
 * outcome (confirmed with the meeting's {@code .ics}, waitlisted with the position, promoted) and the reminder the day
 * before are asked here, where the account is known.
 */
@ApplicationScoped
public class RegistrantNotices {

    static final String ICS = "text/calendar; charset=UTF-8; method=PUBLISH";

    private final PersonalOutbox personal;
    private final MeetingCalendar calendar;
    private final PlanViews plans;

    public RegistrantNotices(PersonalOutbox personal, MeetingCalendar calendar, PlanViews plans) {
        this.personal = personal;
        this.calendar = calendar;
        this.plans = plans;
    }

    public Uni<Void> followStarted(Meeting meeting, String accountId) {
        return personal.followStarted(follow(meeting, accountId), meeting.planId.toString()).replaceWithVoid();
    }

    public Uni<Void> followEnded(Meeting meeting, String accountId) {
        return personal.followEnded(follow(meeting, accountId), meeting.planId.toString()).replaceWithVoid();
    }

    /**
     * The registration's outcome, caused by the public registration event {@code source}: CONFIRMED and PROMOTED
     * carry the meeting's calendar file, WAITLISTED the position.
     */
    public Uni<Void> registration(Meeting meeting, String accountId, String code, Kind kind, Integer position,
            OutboxEvent source) {
        Map<String, String> data = details(meeting, code);
        if (position != null) {
            data.put("waitlistPosition", position.toString());
        }
        List<Attachment> attachments = kind == Kind.REGISTRATION_WAITLISTED ? List.of() : calendarFile(meeting);
        return tell(meeting, accountId, PersonalEvents.key(source.id, kind), kind, data, attachments,
                source.occurredAt);
    }

    /**
     * For the one-statement registration: the confirmed registration's notice, with the calendar file, then the follow
     * it starts, as unsaved outbox rows (the statement's order between them and the public event is PostgreSQL's: no
     * consumer depends on it). {@code plan} is the meeting's plan (null if unknown), read before; {@code source} the
     * public event the statement writes.
     */
    public List<OutboxEvent> confirmedEvents(Meeting meeting, PlanView plan, String accountId, String code,
            OutboxEvent source) {
        Kind kind = Kind.REGISTRATION_CONFIRMED;
        return List.of(personal.notificationEvent(notice(meeting, plan, accountId, PersonalEvents.key(source.id, kind),
                kind, details(meeting, code), calendarFile(meeting), source.occurredAt)),
                personal.followStartedEvent(follow(meeting, accountId), meeting.planId.toString()));
    }

    private List<Attachment> calendarFile(Meeting meeting) {
        return List.of(Attachment.text("incontro.ics", ICS, calendar.ics(meeting)));
    }

    /**
     * The reminder the day before, as an outbox row for the reminder job's single statement; its key's source is the
     * registration, reminded once.
     */
    public OutboxEvent reminderEvent(ReminderRepository.Due due, OffsetDateTime now) {
        Map<String, String> data = details(due.startsAt(), due.endsAt(), due.address(), due.municipality(),
                due.onlineUrl(), due.code());
        return personal.notificationEvent(new NotificationRequested(
                PersonalEvents.key(due.registrationId(), Kind.MEETING_REMINDER), due.personId(),
                Kind.MEETING_REMINDER,
                Subject.meeting(due.planId().toString(), due.meetingId().toString(), due.title()),
                due.planId().toString(), due.region(), data, List.of(), now));
    }

    private Uni<Void> tell(Meeting meeting, String accountId, String key, Kind kind, Map<String, String> data,
            List<Attachment> attachments, OffsetDateTime at) {
        return plans.find(meeting.planId)
                .flatMap(plan -> personal.notify(notice(meeting, plan, accountId, key, kind, data, attachments, at)))
                .replaceWithVoid();
    }

    private static NotificationRequested notice(Meeting meeting, PlanView plan, String accountId, String key,
            Kind kind, Map<String, String> data, List<Attachment> attachments, OffsetDateTime at) {
        return new NotificationRequested(key, accountId, kind,
                Subject.meeting(meeting.planId.toString(), meeting.id.toString(), meeting.title),
                meeting.planId.toString(), plan == null ? null : plan.region, data, attachments,
                at == null ? OffsetDateTime.now(ZoneOffset.UTC) : at);
    }

    private static Map<String, String> details(Meeting meeting, String code) {
        return details(meeting.startsAt, meeting.endsAt, meeting.address, meeting.municipality, meeting.onlineUrl,
                code);
    }

    private static Map<String, String> details(OffsetDateTime startsAt, OffsetDateTime endsAt, String address,
            String municipality, String onlineUrl, String code) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("startsAt", startsAt.toString());
        data.put("endsAt", endsAt.toString());
        if (address != null) {
            data.put("address", address);
        }
        if (municipality != null) {
            data.put("municipality", municipality);
        }
        if (onlineUrl != null) {
            data.put("onlineUrl", onlineUrl);
        }
        data.put("code", code);
        return data;
    }

    private static Follow follow(Meeting meeting, String accountId) {
        return new Follow(accountId, TargetType.MEETING, meeting.id.toString(), Reason.REGISTRANT);
    }
}
