package org.coprogram.common.planview;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Phase;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Keeps {@link PlanView} in step with {@code coprogram.plans}; idempotent by event id. Only in services built with
 * {@code coprogram.plan-view.enabled=true}, which also configure the {@code plans} channel.
 */
@ApplicationScoped
@Startup
@IfBuildProperty(name = "coprogram.plan-view.enabled", stringValue = "true")
public class PlanEventsConsumer {

    static final String CHANNEL = "plans";

    private final EventInbox inbox;
    private final PlanViewRepository plans;

    public PlanEventsConsumer(EventInbox inbox, PlanViewRepository plans) {
        this.inbox = inbox;
        this.plans = plans;
        inbox.register(CHANNEL, this::apply);
    }

    @Incoming(CHANNEL)
    public Uni<Void> onPlanEvent(Message<String> message) {
        return inbox.consume(message, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        if (!EventTypes.PLAN_CREATED.equals(event.type()) && !EventTypes.PLAN_PHASE_CHANGED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        UUID planId = UUID.fromString(data.path("planId").asText());
        return plans.findById(planId).flatMap(existing -> {
            PlanView plan = existing != null ? existing : new PlanView();
            Phase phase = Phase.valueOf(data.path("phase").asText());
            // Events of one plan arrive in order (same key); this also holds if a stale copy ever arrives late.
            if (existing != null && phase.isBefore(existing.phase)) {
                return Uni.createFrom().voidItem();
            }
            plan.id = planId;
            plan.region = data.path("region").asText();
            plan.title = data.path("title").asText();
            plan.phase = phase;
            plan.themes = themeCodes(data.path("themes"));
            plan.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return existing != null ? Uni.createFrom().voidItem() : plans.persist(plan).replaceWithVoid();
        });
    }

    private static List<String> themeCodes(JsonNode themes) {
        List<String> codes = new ArrayList<>();
        themes.forEach(theme -> codes.add(theme.path("code").asText()));
        return codes;
    }
}
