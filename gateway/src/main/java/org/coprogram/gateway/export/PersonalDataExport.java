package org.coprogram.gateway.export;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/me/export}, the person's data export (GDPR art. 15/20, docs/privacy.md "Esportazione dei dati"): one
 * JSON document {@code {"format","account","exportedAt","parts":{"<service>":{...}}}} composed of each service's own
 * part, asked with the caller's own token. The parts are asked one after the other and each is piped into the answer as
 * its bytes arrive (with the HTTP back-pressure of a pipe: the gateway holds a few buffers, never a part). A part that
 * fails before anything is written fails the export with a problem; one that fails after the document has started
 * cuts the connection, so the client never gets a partial file presented as complete.
 */
@ApplicationScoped
public class PersonalDataExport {

    public static final String PATH = "/api/me/export";
    public static final String FORMAT = "coprogram-personal-data/1";
    public static final String FILENAME = "coprogram-dati-personali.json";
    private static final Logger LOG = Logger.getLogger(PersonalDataExport.class);

    /** Each part: its name in the document and the service and path that serve it. */
    record Part(String name, Service service, String path) {
    }

    static final List<Part> PARTS = List.of(new Part("proposal-service", Service.PROPOSAL, "/api/me/export/proposals"),
            new Part("survey-service", Service.SURVEY, "/api/me/export/surveys"),
            new Part("meeting-service", Service.MEETING, "/api/me/export/meetings"),
            new Part("notification-service", Service.NOTIFICATION, "/api/me/export/notifications"));

    private final OnBehalfRequests upstream;

    public PersonalDataExport(OnBehalfRequests upstream) {
        this.upstream = upstream;
    }

    public static boolean handles(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && PATH.equals(request.path());
    }

    /** The gateway's own operation, merged into {@code /openapi.json} like the services' ones. */
    public static ObjectNode openApi(ObjectMapper json) {
        ObjectNode document = json.createObjectNode();
        ObjectNode get = document.putObject("paths").putObject(PATH).putObject("get");
        get.put("operationId", "exportMyData").put("summary",
                "Scarica tutti i miei dati personali (GDPR art. 15 e 20) in un unico file JSON, composto dalle parti"
                        + " di ciascun servizio");
        get.putArray("tags").add("I miei dati");
        ObjectNode ok = get.putObject("responses").putObject("200");
        ok.put("description",
                "Il file coprogram-dati-personali.json (Content-Disposition: attachment): format, account,"
                        + " exportedAt e parts, un oggetto per servizio");
        ObjectNode properties = ok.putObject("content").putObject("application/json").putObject("schema")
                .put("type", "object").putObject("properties");
        properties.putObject("format").put("type", "string").put("const", FORMAT);
        properties.putObject("account").put("type", "string");
        properties.putObject("exportedAt").put("type", "string").put("format", "date-time");
        ObjectNode parts = properties.putObject("parts").put("type", "object").putObject("properties");
        for (Part part : PARTS) {
            parts.putObject(part.name()).put("type", "object");
        }
        get.putArray("security").addObject().putArray("bearer");
        ObjectNode responses = (ObjectNode) get.get("responses");
        OnBehalfRequests.problem(responses, "401", "Token assente, scaduto o non valido");
        OnBehalfRequests.problem(responses, "403", "Il ruolo di chi chiama non lo permette");
        OnBehalfRequests.problem(responses, "503", "Un servizio non risponde: nessun file parziale, riprova più tardi");
        return document;
    }

    /** Streams the document; the caller is authenticated ({@code account}: the token's subject). */
    public void export(RoutingContext rc, Vertx vertx, String account) {
        rc.request().resume();
        new Export(rc, vertx, account, Caller.of(rc.request())).part(0);
    }

    /** One export in progress: which part is being written and whether the document has started. */
    private final class Export {

        private final RoutingContext rc;
        private final Vertx vertx;
        private final String account;
        private final Caller caller;
        private boolean started;

        Export(RoutingContext rc, Vertx vertx, String account, Caller caller) {
            this.rc = rc;
            this.vertx = vertx;
            this.account = account;
            this.caller = caller;
        }

        void part(int index) {
            HttpServerResponse out = rc.response();
            if (index == PARTS.size()) {
                out.end("}}");
                return;
            }
            Part part = PARTS.get(index);
            upstream.get(vertx, part.service(), part.path(), caller, 30_000).onComplete(sent -> {
                if (sent.failed()) {
                    fail(part, sent.cause().getMessage(), 0);
                    return;
                }
                HttpClientResponse response = sent.result();
                if (response.statusCode() != 200) {
                    response.body(); // read and dropped: the connection goes back to the pool
                    fail(part, "answered " + response.statusCode(), response.statusCode());
                    return;
                }
                if (!started) {
                    started = true;
                    out.setChunked(true).putHeader("Content-Type", "application/json")
                            .putHeader("Content-Disposition", "attachment; filename=\"" + FILENAME + "\"")
                            .putHeader("Cache-Control", "private, no-store");
                    out.write("{\"format\":" + Json.encode(FORMAT) + ",\"account\":" + Json.encode(account)
                            + ",\"exportedAt\":" + Json.encode(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                            + ",\"parts\":{");
                } else {
                    out.write(",");
                }
                out.write(Json.encode(part.name()) + ":");
                response.pipe().endOnComplete(false).to(out).onComplete(piped -> {
                    if (piped.succeeded()) {
                        part(index + 1);
                    } else {
                        fail(part, piped.cause().getMessage(), 0);
                    }
                });
            });
        }

        /**
         * Before the document has started: a problem (the service's own refusal for 401/403, 503 otherwise); after: the
         * connection is cut, the file stays visibly incomplete.
         */
        private void fail(Part part, String cause, int status) {
            LOG.warnf("Personal data export failed at %s: %s", part.name(), cause);
            if (started) {
                rc.response().reset();
            } else if (status == 401 || status == 403) {
                GatewayProblems.send(rc, status, status == 401 ? "Autenticazione richiesta" : "Accesso negato",
                        "Non puoi esportare questi dati", Map.of());
            } else {
                GatewayProblems.send(rc, 503, "Esportazione non disponibile",
                        "Un servizio non risponde: i tuoi dati non sono stati esportati, riprova tra qualche minuto",
                        Map.of("Retry-After", "30"));
            }
        }
    }
}
