package org.coprogram.gateway.onbehalf;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.gateway.proxy.ServiceRoutes;
import org.coprogram.gateway.proxy.ServiceRoutes.Service;
import org.coprogram.telemetry.TraceContext;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/**
 * The GETs the gateway's own operations ({@code /api/me/participation}, {@code /api/me/export}) make to a service on the
 * caller's behalf: with the caller's own token and trace, so each service decides what that token may read and the
 * gateway adds no authority. One connection pool for them, apart from the proxy's.
 */
@ApplicationScoped
public class OnBehalfRequests {

    private final ServiceRoutes routes;
    private volatile HttpClient client;

    public OnBehalfRequests(ServiceRoutes routes) {
        this.routes = routes;
    }

    /**
     * Who asks, taken from the request when it arrives: later calls run in callbacks, where the request's trace is no
     * longer the current one.
     */
    public record Caller(String authorization, String traceparent) {

        public static Caller of(HttpServerRequest request) {
            return new Caller(request.getHeader("Authorization"), TraceContext.current());
        }
    }

    /** Sends {@code GET uri} to {@code service}; the response's body is the caller's to read or drop. */
    public Future<HttpClientResponse> get(Vertx vertx, Service service, String uri, Caller caller,
            long timeoutMillis) {
        URI origin = routes.origin(service);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(origin.getHost())
                .setPort(origin.getPort()).setURI(uri).setTimeout(timeoutMillis)
                .putHeader("Authorization", caller.authorization()).putHeader("Accept", "application/json");
        if (caller.traceparent() != null) {
            options.putHeader(TraceContext.TRACEPARENT, caller.traceparent());
        }
        return client(vertx).request(options).compose(request -> request.send());
    }

    /** A problem+json response in a gateway operation's OpenAPI document, like the services' own. */
    public static void problem(ObjectNode responses, String status, String description) {
        responses.putObject(status).put("description", description).putObject("content")
                .putObject("application/problem+json").putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
    }

    private HttpClient client(Vertx vertx) {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(50).setKeepAlive(true)
                            .setConnectTimeout(2000).setIdleTimeout(60));
                }
                current = client;
            }
        }
        return current;
    }
}
