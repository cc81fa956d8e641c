package org.coprogram.meeting.minutes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.meeting.meeting.Meeting;
import org.coprogram.meeting.meeting.MeetingEvents;
import org.coprogram.meeting.meeting.MeetingService;
import org.coprogram.meeting.registration.RegistrationService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MinutesService {

    private final MeetingService meetings;
    private final RegistrationService registrations;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final PlanViews plans;
    private final MinutesRepository minutesRows;

    public MinutesService(MeetingService meetings, RegistrationService registrations, Outbox outbox,
            AuditTrail audit, PlanViews plans, MinutesRepository minutesRows) {
        this.plans = plans;
        this.minutesRows = minutesRows;
        this.meetings = meetings;
        this.registrations = registrations;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** The organiser writes the draft; published minutes are read-only. */
    @WithTransaction
    public Uni<MinutesView> save(UUID meetingId, MinutesContent content, Caller caller) {
        return meetings.organised(meetingId, caller).flatMap(meeting -> plans.find(meeting.planId)
                .flatMap(plan -> {
                    for (int i = 0; i < content.contributions().size(); i++) {
                        String theme = content.contributions().get(i).theme();
                        if (!plan.themes.contains(theme)) {
                            throw ProblemException.invalidField("contributions[" + i + "].theme",
                                    "area di intervento non prevista dal piano: " + theme);
                        }
                    }
                    return minutesRows.find(meetingId).flatMap(existing -> {
                        if (existing != null && Minutes.PUBLISHED.equals(existing.status)) {
                            throw ProblemException.conflict("Il verbale è già pubblicato");
                        }
                        Minutes minutes = existing != null ? existing : new Minutes();
                        minutes.meetingId = meetingId;
                        minutes.status = Minutes.DRAFT;
                        minutes.summary = content.summary().strip();
                        minutes.attendance = content.attendance();
                        minutes.contributions = List.copyOf(content.contributions());
                        minutes.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        minutes.updatedBy = caller.accountId();
                        Uni<Minutes> saved = existing != null ? Uni.createFrom().item(minutes) : minutes.persist();
                        return saved.call(m -> audit.record(caller.accountId(), "minutes.draft", "meeting",
                                meetingId.toString(), null)).flatMap(m -> view(meeting, m, caller));
                    });
                }));
    }

    /** Publishing sends the contributions to the synthesis like any other contribution. */
    @WithTransaction
    public Uni<MinutesView> publish(UUID meetingId, Caller caller) {
        return meetings.organised(meetingId, caller).flatMap(meeting -> minutesRows.find(meetingId)
                .flatMap(minutes -> {
                    if (minutes == null) {
                        throw ProblemException.conflict("Scrivere il verbale prima di pubblicarlo");
                    }
                    if (Minutes.PUBLISHED.equals(minutes.status)) {
                        throw ProblemException.conflict("Il verbale è già pubblicato");
                    }
                    minutes.status = Minutes.PUBLISHED;
                    minutes.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return view(meeting, minutes, caller).call(view -> outbox.record(MeetingEvents.TOPIC,
                            MeetingEvents.MINUTES_PUBLISHED, meetingId.toString(), meeting.planId.toString(), view))
                            .call(view -> audit.record(caller.accountId(), "minutes.publish", "meeting",
                                    meetingId.toString(), null));
                }));
    }

    /** Published minutes are public; a draft only for the organiser. */
    @WithTransaction
    public Uni<MinutesView> read(UUID meetingId, Caller caller) {
        return meetings.find(meetingId).flatMap(meeting -> minutesRows.find(meetingId).flatMap(minutes -> {
            if (minutes != null && Minutes.PUBLISHED.equals(minutes.status)) {
                return Uni.createFrom().item(minutes);
            }
            caller.require(!caller.isAnonymous(), "Il verbale non è ancora pubblicato");
            return meetings.organised(meetingId, caller).map(organised -> {
                if (minutes == null) {
                    throw ProblemException.notFound("Verbale non ancora scritto");
                }
                return minutes;
            });
        }).flatMap(minutes -> view(meeting, minutes, caller)));
    }

    private Uni<MinutesView> view(Meeting meeting, Minutes minutes, Caller caller) {
        return registrations.attendanceOf(meeting.id).map(attendance -> new MinutesView(meeting.id, meeting.planId,
                meeting.district, meeting.municipality, meeting.province, meeting.themes, minutes.status,
                minutes.summary, minutes.attendance, attendance.checkedIn(), attendance.checkedInByCategory(),
                minutes.contributions, minutes.publishedAt));
    }
}
