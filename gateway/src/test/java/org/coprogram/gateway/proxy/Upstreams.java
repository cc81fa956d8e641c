package org.coprogram.gateway.proxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Five small HTTP servers standing in for the services behind the gateway. Each answers with what it received:
 * its own name, method, path, the forwarded headers and how many body bytes arrived; {@code GET /_received} lists
 * the URIs of every request that reached it. {@code GET /_fail?path=P&mode=M} makes it fail requests for P: mode
 * {@code status} answers 500, {@code cut} starts a 200 answer and closes the connection in its middle, {@code none}
 * stops failing.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("proposal", "survey", "meeting", "synthesis", "notification");
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            JsonArray received = new JsonArray();
            Map<String, String> failing = new java.util.concurrent.ConcurrentHashMap<>();
            HttpServer server = vertx.createHttpServer().requestHandler(request -> {
                if (request.path().equals("/_received")) {
                    request.response().putHeader("Content-Type", "application/json").end(received.encode());
                    return;
                }
                if (request.path().equals("/_fail")) {
                    if ("none".equals(request.getParam("mode"))) {
                        failing.remove(request.getParam("path"));
                    } else {
                        failing.put(request.getParam("path"), request.getParam("mode"));
                    }
                    request.response().end();
                    return;
                }
                received.add(request.uri());
                String failure = failing.get(request.path());
                if ("status".equals(failure)) {
                    request.response().setStatusCode(500).end();
                    return;
                }
                if ("cut".equals(failure)) {
                    request.response().setChunked(true).putHeader("Content-Type", "application/json")
                            .write("{\"service\":\"" + service + "\",\"items\":[");
                    vertx.setTimer(50, timer -> request.connection().close());
                    return;
                }
                if (request.path().equals("/q/openapi")) {
                    request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("openapi", "3.1.0")
                            .put("paths", new JsonObject().put("/api/" + service, new JsonObject()))
                            .put("components", new JsonObject().put("schemas",
                                    new JsonObject().put(service + "View", new JsonObject())))
                            .encode());
                    return;
                }
                if (request.path().endsWith("/crash")) {
                    // A service dying in the middle of a request: the connection goes away without an answer.
                    request.connection().close();
                    return;
                }
                request.body().onSuccess(body -> {
                    int status = request.path().endsWith("/teapot") ? 418 : 200;
                    request.response().setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("X-Upstream", service)
                            .end(new JsonObject()
                                    .put("service", service)
                                    .put("method", request.method().name())
                                    .put("uri", request.uri())
                                    .put("authorization", request.getHeader("Authorization"))
                                    .put("requestId", request.getHeader("X-Request-Id"))
                                    .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                                    .put("bodyBytes", body.length())
                                    .encode());
                });
            });
            int port = await(server.listen(0, "127.0.0.1")).actualPort();
            config.put("gateway.services." + service, "http://127.0.0.1:" + port);
        }
        return config;
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }
}
