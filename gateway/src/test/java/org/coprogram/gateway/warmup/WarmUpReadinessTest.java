package org.coprogram.gateway.warmup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.ext.web.Router;

/**
 * The gateway (like every service, through telemetry's warmup) reports ready only once its warm-up has sent its
 * requests: here a probe route that holds its first answer until the test lets it go.
 */
@QuarkusTest
@Tag("service")
@TestProfile(WarmUpReadinessTest.HeldWarmUp.class)
class WarmUpReadinessTest {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final AtomicInteger PROBED = new AtomicInteger();
    private static final String WARM_UP_STATUS = "checks.find { it.name == 'warm-up' }.status";

    public static class HeldWarmUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("coprogram.warmup.requests", "GET /warm-up-probe", "coprogram.warmup.rounds", "3",
                    "coprogram.warmup.bound", "5m");
        }
    }

    /** A route only the warm-up calls: its answers wait until the test releases them. */
    @ApplicationScoped
    static class Probe {
        void route(@Observes Router router) {
            router.get("/warm-up-probe").order(-1000).blockingHandler(context -> {
                PROBED.incrementAndGet();
                try {
                    RELEASE.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                context.response().end("warm");
            }, false);
        }
    }

    @Test
    void readinessReportsDownUntilTheWarmUpHasSentItsRequests() {
        await().atMost(Duration.ofSeconds(30)).until(() -> PROBED.get() >= 1);
        given().get("/q/health/ready").then().statusCode(503).body(WARM_UP_STATUS, is("DOWN"));

        RELEASE.countDown();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> given().get("/q/health/ready").then().body(WARM_UP_STATUS, is("UP")));
        // The first request waits for the dependencies, then the three rounds.
        Assertions.assertThat(PROBED.get()).isEqualTo(4);
    }
}
