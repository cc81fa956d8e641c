package org.coprogram.gateway.warmup;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * The warm-up reads real ids before its requests (coprogram.warmup.discover) and sends its paths with them, so the
 * reads cross real rows; its first request, sent while it waits for the dependencies, carries the nil id.
 */
@QuarkusTest
@Tag("service")
@TestProfile(WarmUpDiscoveryTest.Discovering.class)
class WarmUpDiscoveryTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static final String NIL = "00000000-0000-0000-0000-000000000000";
    private static final String PLAN = "7c1e2f4a-0000-4000-8000-000000000001";

    public static class Discovering implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A fixed port: with the random one (0) the warm-up, started on the server's start event, could read the
            // port before Quarkus publishes the one it chose.
            return Map.of("coprogram.warmup.requests", "GET /warm-up-seen/{plan}", "coprogram.warmup.rounds", "2",
                    "coprogram.warmup.discover", "plan=/warm-up-ids#/items/0/id", "coprogram.warmup.bound", "5m",
                    "quarkus.http.test-port", "18979");
        }
    }

    @ApplicationScoped
    static class Routes {
        void route(@Observes Router router) {
            router.get("/warm-up-ids").order(-1000).handler(context -> context.response()
                    .putHeader("Content-Type", "application/json").end("{\"items\":[{\"id\":\"" + PLAN + "\"}]}"));
            router.get("/warm-up-seen/:id").order(-1000).handler(context -> {
                SEEN.add(context.pathParam("id"));
                context.response().end("seen");
            });
        }
    }

    @Test
    void theRequestsCarryTheDiscoveredIdAfterTheDependencyCheck() {
        await().atMost(Duration.ofSeconds(30)).until(() -> SEEN.size() >= 3);

        Assertions.assertThat(SEEN).containsExactly(NIL, PLAN, PLAN);
    }
}
