package org.coprogram.gateway.compression;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * With {@code quarkus.http.enable-compression}, Quarkus marks every response {@code Content-Encoding: identity} and
 * lifts the mark only for its own static files and REST endpoints. The gateway's own routes (the API proxy, the
 * portal's paths, the event catalogue) are plain Vert.x routes, so this lifts it for them too when the answer's type
 * is one of {@code quarkus.http.compress-media-types}: the API's JSON and the portal's page are then gzipped for
 * clients that accept it. Streams ({@code text/event-stream}) and binary files keep the mark and go out as they are.
 */
@ApplicationScoped
public class ResponseCompression {

    private final Set<String> compressed;

    public ResponseCompression(@ConfigProperty(name = "quarkus.http.compress-media-types") List<String> mediaTypes) {
        this.compressed = Set.copyOf(mediaTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList());
    }

    void filters(@Observes Filters filters) {
        filters.register(rc -> {
            rc.addHeadersEndHandler(v -> liftIdentity(rc));
            rc.next();
        }, 20);
    }

    private void liftIdentity(RoutingContext rc) {
        var headers = rc.response().headers();
        String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (!"identity".equals(encoding) || type == null) {
            return;
        }
        int parameters = type.indexOf(';');
        String base = (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        if (compressed.contains(base)) {
            headers.remove(HttpHeaders.CONTENT_ENCODING);
        }
    }
}
