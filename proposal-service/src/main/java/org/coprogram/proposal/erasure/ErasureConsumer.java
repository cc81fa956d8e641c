package org.coprogram.proposal.erasure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.CoprogramConfig;
import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The restricted {@link Topics#ERASURE}, through the inbox (a replayed event changes nothing twice): an erasure request
 * makes proposal-service forget the account and answer with its completion, in one transaction; each service's
 * completion is counted, and the request is COMPLETED when every service has answered.
 */
@ApplicationScoped
@Startup
public class ErasureConsumer {

    static final String CHANNEL = "erasure";

    private final EventInbox inbox;
    private final ProposalErasure erasure;
    private final ErasureRepository requests;
    private final Outbox outbox;
    private final String service;
    private final Clock clock;

    public ErasureConsumer(EventInbox inbox, ProposalErasure erasure, ErasureRepository requests, Outbox outbox,
            CoprogramConfig config, Clock clock) {
        this.inbox = inbox;
        this.erasure = erasure;
        this.requests = requests;
        this.outbox = outbox;
        this.service = config.service();
        this.clock = clock;
        inbox.register(CHANNEL, this::apply);
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume(message, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        switch (event.type()) {
            case ErasureEvents.REQUESTED : {
                if (!ErasureEvents.isRequest(event)) {
                    return Uni.createFrom().voidItem();
                }
                ErasureEvents.Requested request = ErasureEvents.Requested.of(event.data());
                return erasure.forget(request)
                        .chain(() -> outbox.record(Topics.ERASURE, ErasureEvents.COMPLETED,
                                request.erasureId().toString(), null,
                                new ErasureEvents.Completed(request.erasureId(), service, now)))
                        .replaceWithVoid();
            }
            case ErasureEvents.COMPLETED :
                return requests.serviceCompleted(UUID.fromString(event.data().path("erasureId").asText()),
                        event.data().path("service").asText(), now).replaceWithVoid();
            default :
                return Uni.createFrom().voidItem();
        }
    }
}
