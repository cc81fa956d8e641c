package org.coprogram.telemetry.warmup;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the warm-up runs ({@link WarmUp}); ready once it finished or its bound passed. */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    private final WarmUp warmUp;

    public WarmUpReadiness(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        WarmUpState state = warmUp.state();
        WarmUpState.Phase phase = state.phase(System.nanoTime());
        return HealthCheckResponse.named("warm-up").status(phase != WarmUpState.Phase.RUNNING)
                .withData("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
                .withData("requests", state.sent() + " of " + state.total()).build();
    }
}
