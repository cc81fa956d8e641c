package org.coprogram.gateway.openapi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.bridge.GatewayProblems;
import org.coprogram.gateway.export.PersonalDataExport;
import org.coprogram.gateway.participation.MyParticipation;
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
 * {@code /q/openapi}. A service that does not answer is left out and named in {@code x-unavailable-services}. Two
 * services publishing different schemas under one name is a defect of the release, not of the moment: the answer is a
 * 500 naming the schema and both services, logged as an error, until one of them is renamed ({@link OpenApiMerge}); so
 * is one operationId in two services. Its {@code servers} entry is the gateway's origin as the request reached it.
 */
@ApplicationScoped
public class AggregatedOpenApi {

    private static final Logger LOG = Logger.getLogger(AggregatedOpenApi.class);
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private final ServiceRoutes routes;
    private final ObjectMapper json;
    private volatile ObjectNode cached;
    private volatile long cachedAt;
    private final Clock clock;

    public AggregatedOpenApi(ServiceRoutes routes, ObjectMapper json, Clock clock) {
        this.routes = routes;
        this.json = json;
        this.clock = clock;
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient();
        router.get("/openapi.json").handler(rc -> serve(rc, client));
    }

    private void serve(RoutingContext rc, HttpClient client) {
        ObjectNode current = cached;
        if (current != null && fresh(cachedAt, clock)) {
            respond(rc, current);
            return;
        }
        List<ServiceRoutes.Service> services = new ArrayList<>(routes.all().keySet());
        List<Future<JsonNode>> documents = services.stream().map(s -> fetch(client, routes.origin(s))).toList();
        Future.join(documents).onComplete(done -> {
            ObjectNode merged;
            try {
                merged = merge(services, documents);
            } catch (OpenApiMerge.SchemaCollision e) {
                LOG.error(e.getMessage());
                GatewayProblems.send(rc, 500, "Documentazione API non valida",
                        "Due servizi pubblicano schemi diversi con lo stesso nome: " + e.schema);
                return;
            }
            cached = merged;
            cachedAt = clock.millis();
            respond(rc, merged);
        });
    }

    /** Whether a document merged at {@code cachedAt} (epoch millis) is still served from memory by {@code clock}. */
    static boolean fresh(long cachedAt, Clock clock) {
        return clock.millis() - cachedAt < CACHE_FOR.toMillis();
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

    private ObjectNode merge(List<ServiceRoutes.Service> services, List<Future<JsonNode>> documents) {
        Map<String, JsonNode> read = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i).name().toLowerCase();
            Future<JsonNode> document = documents.get(i);
            if (document.failed()) {
                LOG.warnf("OpenAPI of %s unavailable: %s", service, document.cause().getMessage());
                unavailable.add(service);
            } else {
                read.put(service, document.result());
            }
        }
        read.put("gateway", MyParticipation.openApi(json));
        read.put("gateway-export", PersonalDataExport.openApi(json));
        return OpenApiMerge.merge(json, read, unavailable);
    }

    /** The servers are the gateway as the caller reached it (behind a proxy, as the proxy's forwarded headers say). */
    private static void respond(RoutingContext rc, ObjectNode merged) {
        URI request = URI.create(rc.request().absoluteURI());
        String origin = request.getScheme() + "://" + request.getRawAuthority();
        rc.response().putHeader("Content-Type", "application/json")
                .end(OpenApiMerge.withServer(merged, origin).toString());
    }
}
