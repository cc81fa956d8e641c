package org.coprogram.notification.erasure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.personal.AccountErasure;
import org.coprogram.common.personal.ErasedTracesRepository;
import org.coprogram.common.personal.ErasureEvents;

import io.smallrye.mutiny.Uni;

/**
 * What notification-service forgets of a person (docs/privacy.md, "Cancellazione (art. 17)"), in the caller's
 * transaction: every row is the person's own, so all go: mail outbox (sent or not: nothing more is mailed), then
 * notifications, follows and the e-mail preference; the shared tables are cleaned too ({@link ErasedTracesRepository}). Nothing
 * here is a public count. Another person's rows are untouched: every statement is by account.
 */
@ApplicationScoped
public class NotificationErasure implements AccountErasure {

    private final ErasedTracesRepository traces;
    private final ErasureRepository rows;
    private final Pseudonymizer keys;
    private final Clock clock;

    public NotificationErasure(ErasedTracesRepository traces, ErasureRepository rows, Pseudonymizer keys,
            Clock clock) {
        this.rows = rows;
        this.traces = traces;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Forgets the account and leaves its tombstone: its personal events made until now (or until the request, if that
     * is later) are dropped when they arrive after this ({@link #erasedEarlier}). Under the account's lock, so an event
     * being applied meanwhile is either erased here or sees the tombstone (docs/privacy.md).
     */
    @Override
    public Uni<Void> forget(ErasureEvents.Requested request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime until = request.requestedAt().isAfter(now) ? request.requestedAt() : now;
        String key = key(request.accountId());
        return rows.lock(key)
                .chain(() -> rows.tombstone(key, until))
                .chain(() -> rows.deleteAccount(request.accountId()))
                .chain(() -> traces.forget(request.accountId(), request.erasureId()));
    }

    /**
     * Whether this personal event about {@code accountId} was made before the account was erased here: then it must
     * not bring anything of the person back. An event without a time counts as made before.
     */
    public Uni<Boolean> erasedEarlier(String accountId, ReceivedEvent event) {
        String key = key(accountId);
        // Held until the event's transaction ends: an erasure of the account waits for it, or it waits for the erasure.
        return rows.lock(key).chain(() -> rows.erasedUntil(key)).map((Optional<OffsetDateTime> until) -> until
                .map(u -> event.time() == null || !event.time().isAfter(u)).orElse(false));
    }

    /** The tombstone's key: a keyed hash of the account under this service's key, apart from any pseudonym. */
    private String key(String accountId) {
        return keys.of("erased:" + accountId);
    }
}
