package org.coprogram.notification.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.EventInbox;
import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.common.personal.PersonalEvents.TargetType;
import org.coprogram.contracts.EventTypes;
import org.coprogram.notification.notification.NotificationContent;
import org.coprogram.notification.notification.NotificationRepository;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The public events that concern followers: a plan's new phase
 * (the plan's followers), a meeting changed or cancelled (its followers: registrants follow it). Each event tells each
 * follower once: the event id is the notification key.
 */
@ApplicationScoped
@Startup
public class PlatformEventsConsumer {

    private final EventInbox inbox;
    private final NotificationRepository notifications;
    private final Clock clock;

    public PlatformEventsConsumer(EventInbox inbox, NotificationRepository notifications, Clock clock) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.clock = clock;
        inbox.register("plans", this::apply);
        inbox.register("meetings", this::apply);
    }

    @Incoming("plans")
    public Uni<Void> onPlanEvent(Message<String> message) {
        return inbox.consume(message, event -> EventTypes.PLAN_PHASE_CHANGED.equals(event.type()), this::apply);
    }

    @Incoming("meetings")
    public Uni<Void> onMeetingEvent(Message<String> message) {
        return inbox.consume(message, event -> EventTypes.MEETING_UPDATED.equals(event.type())
                || EventTypes.MEETING_CANCELLED.equals(event.type()), this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        JsonNode data = event.data();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String key = "event:" + event.id();
        if (EventTypes.PLAN_PHASE_CHANGED.equals(event.type())) {
            String planId = data.path("planId").asText();
            Map<String, String> values = new LinkedHashMap<>();
            values.put("phase", data.path("phase").asText());
            values.put("previousPhase", data.path("previousPhase").asText());
            NotificationContent content = new NotificationContent(key, "PLAN_PHASE_CHANGED", "PLAN", planId,
                    data.path("title").asText("Piano"), "/piani/" + planId, planId, data.path("region").asText(null),
                    values, List.of(), event.time());
            return notifications.notifyFollowers(TargetType.PLAN.name(), planId, "", content, now)
                    .replaceWithVoid();
        }
        if (EventTypes.MEETING_UPDATED.equals(event.type()) || EventTypes.MEETING_CANCELLED.equals(event.type())) {
            String meetingId = data.path("id").asText();
            String planId = data.path("planId").asText();
            Map<String, String> values = new LinkedHashMap<>();
            values.put("startsAt", data.path("startsAt").asText());
            values.put("address", data.path("address").asText(data.path("onlineUrl").asText("")));
            String kind = EventTypes.MEETING_CANCELLED.equals(event.type()) ? "MEETING_CANCELLED" : "MEETING_UPDATED";
            NotificationContent content = new NotificationContent(key, kind, "MEETING", meetingId,
                    data.path("title").asText("Incontro"), "/piani/" + planId + "/incontri", planId, null, values,
                    List.of(), event.time());
            return notifications.notifyFollowers(TargetType.MEETING.name(), meetingId, "", content, now)
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
