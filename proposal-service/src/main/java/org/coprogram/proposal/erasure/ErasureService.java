package org.coprogram.proposal.erasure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.common.personal.ErasureEvents.Contributions;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Topics;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The person's erasure request (GDPR art. 17; docs/privacy.md, "Cancellazione (art. 17)"): written with its
 * {@code person.erasure-requested.v1} in one transaction, on the restricted {@link Topics#ERASURE}; every service that
 * holds data about people forgets the account and answers, and the request is COMPLETED once all have.
 */
@ApplicationScoped
public class ErasureService {

    private final ErasureRepository requests;
    private final Outbox outbox;
    private final Pseudonymizer pseudonyms;
    private final Clock clock;

    public ErasureService(ErasureRepository requests, Outbox outbox, Pseudonymizer pseudonyms, Clock clock) {
        this.requests = requests;
        this.outbox = outbox;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** A new request; while one is pending, that one (nothing written, nothing emitted). */
    @WithTransaction
    public Uni<ErasureView> request(String accountId, ErasureRequest body) {
        Contributions contributions = contributions(body);
        String key = accountKey(accountId);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return requests.insertPending(id, key, contributions, now).flatMap(inserted -> {
            if (!inserted) {
                return latestView(key);
            }
            return outbox.record(Topics.ERASURE, ErasureEvents.REQUESTED, id.toString(), null,
                    new ErasureEvents.Requested(id, accountId, contributions, now))
                    .chain(() -> latestView(key));
        });
    }

    /** The person's latest request; 404 if none. */
    @WithSession
    public Uni<ErasureView> latest(String accountId) {
        return latestView(accountKey(accountId));
    }

    private Uni<ErasureView> latestView(String key) {
        return requests.latest(key).flatMap(found -> {
            ErasureRepository.Row row = found.orElseThrow(
                    () -> ProblemException.notFound("Nessuna richiesta di cancellazione"));
            return requests.services(row.id())
                    .map(services -> new ErasureView(row.id(), row.status(), row.requestedAt(), services));
        });
    }

    /** The keyed hash the request is filed under: the person finds it again, the table never names the account. */
    private String accountKey(String accountId) {
        return pseudonyms.of("erasure:" + accountId);
    }

    private static Contributions contributions(ErasureRequest body) {
        String value = body == null ? null : body.contributions();
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField("contributions",
                    "indica che cosa fare dei tuoi contributi: PSEUDONYMOUS oppure WITHDRAW");
        }
        try {
            return Contributions.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("contributions",
                    "valore non ammesso: usa PSEUDONYMOUS oppure WITHDRAW");
        }
    }
}
