package org.coprogram.common.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ParkedEvents;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;

/**
 * DOWN while parked events wait for an operator, at {@code /q/health/well}. A
 * wellness check, not a readiness one: every replica shares the database, so one poison event would take the whole
 * service out of its load balancer while it still serves everything else; nor liveness, since a restart fixes
 * nothing. Probes use {@code /q/health/live}, {@code /ready} and {@code /started} only, so this reaches the operator
 * (and an alert on {@code coprogram_inbox_parked_pending}) without changing traffic.
 */
@Wellness
@ApplicationScoped
public class ParkedEventsWellness implements AsyncHealthCheck {

    private final ParkedEvents parked;

    public ParkedEventsWellness(ParkedEvents parked) {
        this.parked = parked;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return parked.pending()
                .map(pending -> {
                    var response = HealthCheckResponse.named("parked-events").status(pending.count() == 0)
                            .withData("parked", pending.count());
                    if (pending.oldest() != null) {
                        response.withData("oldest", pending.oldest().toString())
                                .withData("action", "scripts/parked-events list, then show ID / replay ID");
                    }
                    return response.build();
                })
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("parked-events").down()
                        .withData("error", e.getClass().getSimpleName()).build());
    }
}
