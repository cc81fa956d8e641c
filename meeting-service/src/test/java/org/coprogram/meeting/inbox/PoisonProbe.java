package org.coprogram.meeting.inbox;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.planview.PlanView;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * A consumer for the inbox tests only, on its own test topic: it applies an event by writing an audit entry about it,
 * and fails deterministically while the plan the event names is unknown here, the way a real handler fails on data it
 * cannot take. Publishing that plan is the "fix" a test makes before replaying. Events of other test runs (the topic
 * keeps them) are turned down by {@link #RUN}.
 */
@ApplicationScoped
@Startup
public class PoisonProbe {

    static final String CHANNEL = "poison-probe";
    static final String TOPIC = "coprogram-test.poison-probe";
    /** The same consumer through the batch path ({@code EventInbox.consumeBatch}), on a topic of its own. */
    static final String BATCH_CHANNEL = "poison-probe-batch";
    static final String BATCH_TOPIC = "coprogram-test.poison-probe-batch";
    static final String TYPE = "org.coprogram.test.poison-probe.v1";
    static final String AUDIT_TYPE = "poison-probe-event";
    static final String RUN = UUID.randomUUID().toString();

    private final EventInbox inbox;
    private final AuditTrail audit;

    public PoisonProbe(EventInbox inbox, AuditTrail audit) {
        this.inbox = inbox;
        this.audit = audit;
        inbox.register(CHANNEL, this::apply);
        inbox.register(BATCH_CHANNEL, this::apply);
    }

    @Incoming(BATCH_CHANNEL)
    public Uni<Void> onProbes(Message<List<String>> batch) {
        return inbox.consumeBatch(batch, PoisonProbe::ofThisRun, this::apply, events -> Uni.createFrom().voidItem());
    }

    private static boolean ofThisRun(ReceivedEvent event) {
        return RUN.equals(event.data().path("run").asText());
    }

    @Incoming(CHANNEL)
    public Uni<Void> onProbe(Message<String> message) {
        return inbox.consume(message, PoisonProbe::ofThisRun, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        UUID planId = UUID.fromString(event.data().path("planId").asText());
        return PlanView.<PlanView>findById(planId).flatMap(plan -> {
            if (plan == null) {
                throw new IllegalStateException("Plan " + planId + " is unknown");
            }
            return audit.record("poison-probe", "applied", AUDIT_TYPE, event.id().toString(), null).replaceWithVoid();
        });
    }

    /** The data of a probe event about {@code planId}, for this run. */
    static String data(UUID planId) {
        return "{\"run\":\"%s\",\"planId\":\"%s\"}".formatted(RUN, planId);
    }
}
