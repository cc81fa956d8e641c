package org.coprogram.telemetry.warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Pre-touches the process' hot paths at start, through its own HTTP port (the whole stack: routing, security, JSON, SQL
 * or the proxy), before {@link WarmUpReadiness} lets traffic in: a JVM answers its first thousand requests of a path
 * interpreted, and a pod added at the peak would take its share of the peak cold. Reads only, and writes that end on
 * their refusal (no token, body {@code {}}), so nothing is stored or emitted.
 */
@Startup
@Singleton
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final long DEPENDENCY_POLL_MILLIS = 500;

    private final WarmUpConfig config;
    private final List<WarmUpRequest> plan;
    private final List<WarmUpIds.Discovery> discoveries;
    private final WarmUpState state;

    public WarmUp(WarmUpConfig config) {
        this.config = config;
        this.plan = WarmUpRequest.plan(config.requests().orElse(List.of()), config.rounds());
        this.discoveries = WarmUpIds.parse(config.discover().orElse(List.of()));
        WarmUpIds.check(discoveries, plan.stream().map(WarmUpRequest::path).toList());
        this.state = plan.isEmpty()
                ? WarmUpState.none()
                : new WarmUpState(plan.size(), System.nanoTime(), config.bound());
    }

    public WarmUpState state() {
        return state;
    }

    /** Quarkus fires it (asynchronously) once the HTTP server listens. */
    void start(@ObservesAsync HttpServerStart started) {
        if (plan.isEmpty()) {
            return;
        }
        int port = started.options().getPort() > 0 ? started.options().getPort() : actualPort();
        Thread runner = new Thread(() -> run(port), "warm-up");
        runner.setDaemon(true);
        runner.start();
    }

    private static int actualPort() {
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getValue(property, Integer.class);
    }

    private void run(int port) {
        int paths = plan.size() / Math.max(1, config.rounds());
        LOG.infof("warm-up: %d requests (%d kinds x %d rounds) on port %d before reporting ready (bound %s)",
                plan.size(), paths, config.rounds(), port, config.bound());
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "warm-up-client");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try {
            awaitDependencies(client, port);
            WarmUpIds ids = WarmUpIds.resolve(discoveries,
                    path -> state.keepGoing(System.nanoTime()) ? read(client, port, path) : Optional.empty());
            if (!discoveries.isEmpty()) {
                LOG.infof("warm-up: real ids for %s (the others stay the nil id)", ids.known().keySet());
            }
            send(client, port, ids);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf(e, "warm-up: stopped by an error after %d of %d requests", state.sent(), state.total());
        } finally {
            executor.shutdownNow();
        }
        long now = System.nanoTime();
        if (state.phase(now) == WarmUpState.Phase.BOUND_PASSED) {
            LOG.warnf("warm-up: its bound of %s passed after %d of %d requests (answers by status %s): reporting ready"
                    + " anyway, the first requests may be slow", config.bound(), state.sent(), state.total(),
                    state.statuses());
        } else {
            state.finish();
            LOG.infof("warm-up finished in %d ms: %d requests, answers by status %s; reporting ready",
                    state.elapsed(now).toMillis(), state.sent(), state.statuses());
        }
    }

    /**
     * The first request again every half second until it answers below 500: the gateway's reads need the services
     * behind it, and warming up on 502s would warm up the wrong path.
     */
    private void awaitDependencies(HttpClient client, int port) throws InterruptedException {
        WarmUpRequest first = new WarmUpRequest(plan.get(0).method(), WarmUpIds.none().fill(plan.get(0).path()));
        while (state.keepGoing(System.nanoTime())) {
            try {
                if (client.send(request(port, first), HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (java.io.IOException e) {
                LOG.debugf("warm-up: %s %s not answering yet (%s)", first.method(), first.path(), e);
            }
            TimeUnit.MILLISECONDS.sleep(DEPENDENCY_POLL_MILLIS);
        }
    }

    /** A public read's JSON answer, empty unless it answered 200. */
    private static Optional<String> read(HttpClient client, int port, String path) {
        try {
            HttpResponse<String> response = client.send(request(port, new WarmUpRequest("GET", path)),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debugf("warm-up: %s did not answer (%s)", path, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void send(HttpClient client, int port, WarmUpIds ids) throws InterruptedException {
        Semaphore inFlight = new Semaphore(config.concurrency());
        for (WarmUpRequest next : plan) {
            if (!acquire(inFlight, 1)) {
                return;
            }
            WarmUpRequest filled = new WarmUpRequest(next.method(), ids.fill(next.path()));
            client.sendAsync(request(port, filled), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        state.answered(response == null ? 0 : response.statusCode());
                        inFlight.release();
                    });
        }
        acquire(inFlight, config.concurrency());
    }

    /** Waits for permits while the warm-up may still run; false once it may not. */
    private boolean acquire(Semaphore semaphore, int permits) throws InterruptedException {
        while (state.keepGoing(System.nanoTime())) {
            if (semaphore.tryAcquire(permits, 200, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private static HttpRequest request(int port, WarmUpRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (request.hasBody()) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(request.method(), request.hasBody()
                ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody()).build();
    }
}
