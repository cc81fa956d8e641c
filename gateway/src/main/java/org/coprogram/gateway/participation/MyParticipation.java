package org.coprogram.gateway.participation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.bridge.GatewayProblems;
import org.coprogram.gateway.onbehalf.OnBehalfRequests;
import org.coprogram.gateway.onbehalf.OnBehalfRequests.Caller;
import org.coprogram.gateway.proxy.ServiceRoutes.Service;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/me/participation}, "La mia partecipazione" (docs/dialogue-participation.md): the first page of each
 * part, asked of the service that holds it with the caller's own token, side by side. The gateway adds no data and
 * no authority: each service decides what the token may read, and a part whose service does not answer is listed in
 * {@code unavailable} instead of failing the whole page. The portal pages further through each part's own path.
 */
@ApplicationScoped
public class MyParticipation {

    public static final String PATH = "/api/me/participation";
    static final int DEFAULT_SIZE = 5;
    static final int MAX_SIZE = 20;
    private static final Logger LOG = Logger.getLogger(MyParticipation.class);

    /** Each part: its name in the answer, the service and path that serve it. */
    record Part(String name, Service service, String path) {
    }

    static final List<Part> PARTS = List.of(new Part("proposals", Service.PROPOSAL, "/api/me/proposals"),
            new Part("supports", Service.PROPOSAL, "/api/me/supports"),
            new Part("comments", Service.PROPOSAL, "/api/me/comments"),
            new Part("registrations", Service.MEETING, "/api/me/registrations"),
            new Part("surveyReceipts", Service.SURVEY, "/api/me/survey-receipts"));

    private final OnBehalfRequests upstream;

    public MyParticipation(OnBehalfRequests upstream) {
        this.upstream = upstream;
    }

    /**
     * The gateway's own operation, as an OpenAPI document merged with the services' ({@code /openapi.json}), so the
     * access-policy table and the API's readers see it like any other.
     */
    public static ObjectNode openApi(ObjectMapper json) {
        ObjectNode document = json.createObjectNode();
        ObjectNode get = document.putObject("paths").putObject(PATH).putObject("get");
        get.put("operationId", "getMyParticipation").put("summary",
                "La mia partecipazione: la prima pagina delle mie proposte, adesioni, commenti, iscrizioni e"
                        + " ricevute dei questionari, ciascuna dal servizio che la custodisce");
        get.putArray("tags").add("La mia partecipazione");
        get.putArray("parameters").addObject().put("name", "size").put("in", "query")
                .put("description", "Elementi per parte, da 1 a " + MAX_SIZE + " (" + DEFAULT_SIZE + ")")
                .putObject("schema").put("type", "integer").put("minimum", 1).put("maximum", MAX_SIZE);
        ObjectNode ok = get.putObject("responses").putObject("200");
        ok.put("description", "Le parti, ciascuna una pagina {items, page, size, total} o null se il suo servizio"
                + " non risponde (elencata in unavailable); links indica dove sfogliare ogni parte");
        ObjectNode schema = ok.putObject("content").putObject("application/json").putObject("schema")
                .put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Part part : PARTS) {
            properties.putObject(part.name()).put("type", "object");
        }
        properties.putObject("unavailable").put("type", "array").putObject("items").put("type", "string");
        properties.putObject("links").put("type", "object");
        // A signed-in person only, like every /api/me part; errors are problems as in every service's operations.
        get.putArray("security").addObject().putArray("bearer");
        ObjectNode responses = (ObjectNode) get.get("responses");
        OnBehalfRequests.problem(responses, "400", "Richiesta non valida: size fuori dall'intervallo");
        OnBehalfRequests.problem(responses, "401", "Token assente, scaduto o non valido");
        OnBehalfRequests.problem(responses, "403", "Il ruolo di chi chiama non lo permette");
        return document;
    }

    public static boolean handles(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && PATH.equals(request.path());
    }

    /** Answers the request; the caller is authenticated (the proxy refuses anonymous callers first). */
    public void compose(RoutingContext rc, Vertx vertx) {
        HttpServerRequest request = rc.request();
        request.resume();
        int size;
        try {
            String asked = request.getParam("size");
            size = asked == null ? DEFAULT_SIZE : Integer.parseInt(asked);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_SIZE) {
            GatewayProblems.send(rc, 400, "Parametro non valido",
                    "size deve essere un numero tra 1 e " + MAX_SIZE, Map.of());
            return;
        }
        Caller caller = Caller.of(request);
        List<Future<JsonObject>> parts = new ArrayList<>();
        for (Part part : PARTS) {
            parts.add(fetch(vertx, part, size, caller));
        }
        Future.join(new ArrayList<>(parts)).onComplete(done -> {
            JsonObject answer = new JsonObject();
            JsonArray unavailable = new JsonArray();
            JsonObject links = new JsonObject();
            for (int i = 0; i < PARTS.size(); i++) {
                Part part = PARTS.get(i);
                Future<JsonObject> result = parts.get(i);
                links.put(part.name(), part.path());
                if (result.succeeded()) {
                    answer.put(part.name(), result.result());
                } else if (result.cause() instanceof Refused refused) {
                    // The token may not read this part (401, 403): the whole page is refused alike.
                    GatewayProblems.send(rc, refused.status, refused.status == 401
                            ? "Autenticazione richiesta"
                            : "Accesso negato", "Non puoi leggere questa partecipazione", Map.of());
                    return;
                } else {
                    LOG.warnf("Participation part %s unavailable: %s", part.name(), result.cause().getMessage());
                    answer.putNull(part.name());
                    unavailable.add(part.name());
                }
            }
            answer.put("unavailable", unavailable).put("links", links);
            rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "private, no-store")
                    .end(answer.encode());
        });
    }

    private Future<JsonObject> fetch(Vertx vertx, Part part, int size, Caller caller) {
        return upstream.get(vertx, part.service(), part.path() + "?page=0&size=" + size, caller, 5000)
                .compose(response -> response.body()
                        .compose(body -> {
                            int status = response.statusCode();
                            if (status == 401 || status == 403) {
                                return Future.failedFuture(new Refused(status));
                            }
                            if (status != 200) {
                                return Future
                                        .failedFuture(new IllegalStateException(part.path() + " answered " + status));
                            }
                            return Future.succeededFuture(body.toJsonObject());
                        }));
    }

    /** A part refused to the caller's token. */
    static final class Refused extends RuntimeException {

        final int status;

        Refused(int status) {
            super("refused: " + status, null, false, false);
            this.status = status;
        }
    }
}
