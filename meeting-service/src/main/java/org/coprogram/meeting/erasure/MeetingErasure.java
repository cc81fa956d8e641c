package org.coprogram.meeting.erasure;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.personal.AccountErasure;
import org.coprogram.common.personal.ErasedTracesRepository;
import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.meeting.registration.RegistrationService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What meeting-service forgets of a person (docs/privacy.md, "Cancellazione (art. 17)"), in the caller's transaction:
 * each active registration to a meeting still to come is cancelled through the cancellation path (seat freed, the
 * public count and its event as for any cancellation, the first waiting promoted) and its row goes; a meeting already
 * held keeps its registration, as the attendance its minutes counted, under the erasure's marker, a fresh pseudonym
 * and a fresh code; meetings and minutes the person organised or edited keep the marker instead of the account; the
 * shared tables are cleaned ({@link ErasedTracesRepository}). Registrations are not contributions: both choices of the
 * request treat them alike.
 */
@ApplicationScoped
public class MeetingErasure implements AccountErasure {

    private final RegistrationService registrations;
    private final ErasedTracesRepository traces;
    private final ErasureRepository rows;

    public MeetingErasure(RegistrationService registrations, ErasedTracesRepository traces, ErasureRepository rows) {
        this.rows = rows;
        this.registrations = registrations;
        this.traces = traces;
    }

    @Override
    public Uni<Void> forget(ErasureEvents.Requested request) {
        String account = request.accountId();
        return rows.comingMeetingsWithActiveRegistration(account)
                .flatMap(meetings -> cancelEach(meetings, account))
                .chain(() -> rows.forgetRows(account, ErasureEvents.erasedActor(request.erasureId())))
                .chain(() -> traces.forget(account, request.erasureId()));
    }

    private Uni<Void> cancelEach(List<UUID> meetings, String account) {
        if (meetings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(meetings)
                .onItem().transformToUniAndConcatenate(meeting -> registrations.cancelOnErasure(meeting, account))
                .collect().last().replaceWithVoid();
    }
}
