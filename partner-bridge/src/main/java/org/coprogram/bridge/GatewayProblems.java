package org.coprogram.bridge;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem+json answers the gateway and its partner bridge give themselves, in the same shape as the services' (RFC
 * 9457). It lives in the bridge, which the gateway depends on, so that both write one shape.
 */
public final class GatewayProblems {

    private GatewayProblems() {
    }

    public static void send(RoutingContext rc, int status, String title, String detail, Map<String, String> headers) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            rc.fail(status);
            return;
        }
        headers.forEach(response::putHeader);
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(body(status, title, detail, rc.request().path()));
    }

    /** The problem document itself, for answers that are not written through a {@link RoutingContext}. */
    public static String body(int status, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        return new JsonObject(body).encode();
    }

    public static void send(RoutingContext rc, int status, String title, String detail) {
        send(rc, status, title, detail, Map.of());
    }
}
