package org.coprogram.synthesis.readmodel;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Feeds every contribution topic into the read model, once per event id, a polled batch per transaction; and the
 * plans topic, for the territory version each plan uses.
 */
@ApplicationScoped
@Startup
public class ContributionConsumers {

    /** The channels below: a parked event of any of them is replayed through the projector, one event at a time. */
    private static final List<String> CHANNELS = List.of("synthesis-proposals", "synthesis-surveys",
            "synthesis-survey-responses", "synthesis-meetings", "synthesis-reports", "synthesis-restricted-reports",
            "synthesis-plans");

    private final EventInbox inbox;
    private final SynthesisProjector projector;

    ContributionConsumers(EventInbox inbox, SynthesisProjector projector) {
        this.inbox = inbox;
        this.projector = projector;
        CHANNELS.forEach(channel -> inbox.register(channel, projector::apply));
    }

    @Incoming("synthesis-proposals")
    public Uni<Void> proposals(Message<List<String>> batch) {
        return consume(batch);
    }

    @Incoming("synthesis-surveys")
    public Uni<Void> surveys(Message<List<String>> batch) {
        return consume(batch);
    }

    @Incoming("synthesis-survey-responses")
    public Uni<Void> surveyResponses(Message<List<String>> batch) {
        return consume(batch);
    }

    @Incoming("synthesis-meetings")
    public Uni<Void> meetings(Message<List<String>> batch) {
        return consume(batch);
    }

    @Incoming("synthesis-reports")
    public Uni<Void> socialReports(Message<List<String>> batch) {
        return consume(batch);
    }

    @Incoming("synthesis-restricted-reports")
    public Uni<Void> restrictedSocialReports(Message<List<String>> batch) {
        return consume(batch);
    }

    /** Only a plan's move to another territory version matters here: its contributions are placed again. */
    @Incoming("synthesis-plans")
    public Uni<Void> plans(Message<List<String>> batch) {
        return consume(batch);
    }

    private Uni<Void> consume(Message<List<String>> batch) {
        return inbox.consumeBatch(batch, projector::mayApply, projector::project, projector::afterBatch);
    }
}
