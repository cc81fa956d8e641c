package org.coprogram.gateway.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.bridge.GatewayProblems;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The event catalogue for partners, public like {@code /openapi.json}: {@code GET /asyncapi.yaml} (AsyncAPI 3) and
 * {@code GET /asyncapi/schemas/{type}.json}, the JSON Schema of each event type's data. The files are
 * {@code docs/events/}, packaged with the gateway at build time. The document's {@code $ref}s are relative to its
 * folder ({@code ./schemas/…}), which resolves in {@code docs/events/} but would point at {@code /schemas/…} from
 * {@code /asyncapi.yaml}: served, they say {@code ./asyncapi/schemas/…}, so that a tool reading the document over HTTP
 * (the official AsyncAPI parser, ApiDocumentsE2ETest) finds every schema where the gateway serves it.
 */
@ApplicationScoped
public class EventCatalogue {

    private static final String DOCUMENT = "events/asyncapi.yaml";
    private static final Pattern SCHEMA_FILE = Pattern.compile("[a-z0-9.-]+\\.json");
    /** Only files that exist are kept, so probing names cannot grow it. */
    private final Map<String, Buffer> files = new ConcurrentHashMap<>();

    void register(@Observes Router router) {
        router.get("/asyncapi.yaml").handler(rc -> serve(rc, DOCUMENT, "application/yaml"));
        router.get("/asyncapi/schemas/:file").handler(rc -> {
            String file = rc.pathParam("file");
            if (!SCHEMA_FILE.matcher(file).matches()) {
                notFound(rc);
                return;
            }
            serve(rc, "events/schemas/" + file, "application/schema+json");
        });
    }

    private void serve(RoutingContext rc, String resource, String contentType) {
        Optional<Buffer> body = Optional.ofNullable(files.get(resource)).or(() -> load(resource));
        if (body.isEmpty()) {
            notFound(rc);
            return;
        }
        files.putIfAbsent(resource, body.get());
        rc.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "public, max-age=300")
                .end(body.get());
    }

    private static void notFound(RoutingContext rc) {
        GatewayProblems.send(rc, 404, "Non trovato", "Nel catalogo degli eventi non c'è " + rc.request().path());
    }

    /** The document's schema references as served: relative to {@code /asyncapi.yaml}, not to its source folder. */
    static byte[] servedRefs(byte[] document) {
        return new String(document, StandardCharsets.UTF_8).replace("$ref: './schemas/", "$ref: './asyncapi/schemas/")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Buffer> load(String resource) {
        try (InputStream in = EventCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(Buffer.buffer(DOCUMENT.equals(resource) ? servedRefs(bytes) : bytes));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
