package org.coprogram.common.planview;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

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
    private final PlanTerritories territories;
    private final Instance<PlanTerritoryListener> listeners;

    public PlanEventsConsumer(EventInbox inbox, PlanViewRepository plans, PlanTerritories territories,
            Instance<PlanTerritoryListener> listeners) {
        this.inbox = inbox;
        this.plans = plans;
        this.territories = territories;
        this.listeners = listeners;
        inbox.register(CHANNEL, this::apply);
    }

    @Incoming(CHANNEL)
    public Uni<Void> onPlanEvent(Message<String> message) {
        // Only the types this view applies record their id: another consumer of the service may read other types of
        // the topic (proposal-service's comments read plan.measure-published), and the inbox's ids are per service.
        return inbox.consume(message, PlanEventsConsumer::relevant, this::apply);
    }

    static boolean relevant(ReceivedEvent event) {
        return EventTypes.PLAN_CREATED.equals(event.type()) || EventTypes.PLAN_PHASE_CHANGED.equals(event.type())
                || EventTypes.PLAN_TERRITORY_CHANGED.equals(event.type());
    }

    Uni<Void> apply(ReceivedEvent event) {
        if (EventTypes.PLAN_TERRITORY_CHANGED.equals(event.type())) {
            return territoryChanged(event.data());
        }
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

    /**
     * The plan now uses another territory version: its view keeps the version's districts, and every listener places
     * again, in this transaction, what it placed by the previous ones. Events of one plan arrive in order (same key).
     */
    private Uni<Void> territoryChanged(JsonNode data) {
        UUID planId = UUID.fromString(data.path("planId").asText());
        return plans.findById(planId).flatMap(plan -> {
            if (plan == null) {
                // Never created here (another deployment's plan): there is nothing to place.
                return Uni.createFrom().voidItem();
            }
            plan.territoryVersion = data.path("territoryVersion").asInt();
            plan.districts = districts(data.path("districts"));
            plan.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            // Written now, before the listeners place again: the row stays locked by this transaction while they do,
            // so a single-statement write that checks the plan's updated_at under a share lock (a proposal's
            // submission) waits, sees the change and writes nothing, instead of placing by the previous version
            // after they ran. Hibernate would otherwise write this update only at commit: the listeners' native
            // statements name no query space that would flush it first.
            Uni<Void> chain = plans.flush();
            for (PlanTerritoryListener listener : listeners) {
                chain = chain.chain(() -> listener.territoryChanged(plan, territories.of(plan)));
            }
            return chain;
        });
    }

    private static List<PlanDistrict> districts(JsonNode districts) {
        List<PlanDistrict> result = new ArrayList<>();
        districts.forEach(district -> {
            List<String> municipalities = new ArrayList<>();
            district.path("municipalities").forEach(code -> municipalities.add(code.asText()));
            result.add(new PlanDistrict(district.path("code").asText(), district.path("name").asText(),
                    List.copyOf(municipalities)));
        });
        return List.copyOf(result);
    }

    private static List<String> themeCodes(JsonNode themes) {
        List<String> codes = new ArrayList<>();
        themes.forEach(theme -> codes.add(theme.path("code").asText()));
        return codes;
    }
}
