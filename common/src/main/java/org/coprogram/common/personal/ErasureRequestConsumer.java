package org.coprogram.common.personal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import org.coprogram.common.CoprogramConfig;
import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * What a service holding data about people does with an erasure request on the restricted {@link Topics#ERASURE}
 * (docs/privacy.md, "Cancellazione (art. 17)"): through its inbox, so that a replayed request changes nothing twice,
 * it forgets the account ({@link #forget}) and writes its {@code person.erasure-completed.v1} through its outbox, in
 * one transaction. Every service may write the topic (its completions), so a request counts only from the one service
 * that takes them, proposal-service; anything else on the topic is acknowledged and ignored. Only in services built
 * with {@code coprogram.erasure-requests.enabled=true}, which configure the {@code erasure} channel and provide their
 * {@link AccountErasure}.
 */
// A singleton, not application-scoped: nothing calls it through a client proxy, and it needs none.
@Singleton
@Startup
@IfBuildProperty(name = "coprogram.erasure-requests.enabled", stringValue = "true")
public class ErasureRequestConsumer {

    public static final String CHANNEL = "erasure";

    private final EventInbox inbox;
    private final AccountErasure erasure;
    private final Outbox outbox;
    private final String service;
    private final Clock clock;

    public ErasureRequestConsumer(EventInbox inbox, AccountErasure erasure, Outbox outbox, CoprogramConfig config,
            Clock clock) {
        this.inbox = inbox;
        this.erasure = erasure;
        this.outbox = outbox;
        this.service = config.service();
        this.clock = clock;
        inbox.register(CHANNEL, this::apply);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return inbox.consume(message, ErasureEvents::isRequest, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        if (!ErasureEvents.isRequest(event)) {
            return Uni.createFrom().voidItem();
        }
        ErasureEvents.Requested request = ErasureEvents.Requested.of(event.data());
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return erasure.forget(request)
                .chain(() -> outbox.record(Topics.ERASURE, ErasureEvents.COMPLETED, request.erasureId().toString(),
                        null, new ErasureEvents.Completed(request.erasureId(), service, now)))
                .replaceWithVoid();
    }
}
