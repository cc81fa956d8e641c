package org.coprogram.gateway.openapi;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.gateway.proxy.ServiceRoutes;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /openapi.json}: one OpenAPI document for the whole public API, merged from each service's own
 * {@code /q/openapi}. A service that does not answer is left out and named in {@code x-unavailable-services}.
 */
@ApplicationScoped
public class AggregatedOpenApi {

    private static final Logger LOG = Logger.getLogger(AggregatedOpenApi.class);
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private final ServiceRoutes routes;
    private final ObjectMapper json;
    private volatile String cached;
    private volatile long cachedAt;

    public AggregatedOpenApi(ServiceRoutes routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient();
        router.get("/openapi.json").handler(rc -> serve(rc, client));
    }

    private void serve(RoutingContext rc, HttpClient client) {
        String current = cached;
        if (current != null && System.currentTimeMillis() - cachedAt < CACHE_FOR.toMillis()) {
            respond(rc, current);
            return;
        }
        List<ServiceRoutes.Service> services = new ArrayList<>(routes.all().keySet());
        List<Future<JsonNode>> documents = services.stream().map(s -> fetch(client, routes.origin(s))).toList();
        Future.join(documents).onComplete(done -> {
            String merged = merge(services, documents);
            cached = merged;
            cachedAt = System.currentTimeMillis();
            respond(rc, merged);
        });
    }

    private Future<JsonNode> fetch(HttpClient client, URI origin) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(origin.getHost())
                .setPort(origin.getPort()).setURI("/q/openapi?format=json").setTimeout(3000);
        return client.request(options).compose(request -> request.send()).compose(HttpClientResponse::body)
                .map(this::parse);
    }

    private JsonNode parse(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not an OpenAPI JSON document", e);
        }
    }

    String merge(List<ServiceRoutes.Service> services, List<Future<JsonNode>> documents) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", "Coprogram API").put("version", "0.1.0")
                .put("description", "API pubblica di Coprogram, attraverso il gateway");
        ObjectNode paths = root.putObject("paths");
        ObjectNode schemas = root.putObject("components").putObject("schemas");
        List<String> unavailable = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Future<JsonNode> document = documents.get(i);
            if (document.failed()) {
                LOG.warnf("OpenAPI of %s unavailable: %s", services.get(i), document.cause().getMessage());
                unavailable.add(services.get(i).name().toLowerCase());
                continue;
            }
            copyFields(document.result().path("paths"), paths);
            copyFields(document.result().path("components").path("schemas"), schemas);
        }
        if (!unavailable.isEmpty()) {
            root.putPOJO("x-unavailable-services", unavailable);
        }
        return root.toString();
    }

    private static void copyFields(JsonNode from, ObjectNode to) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!to.has(field.getKey())) {
                to.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void respond(RoutingContext rc, String body) {
        rc.response().putHeader("Content-Type", "application/json").end(body);
    }
}
