package org.coprogram.gateway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.gateway.GatewayConfig;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The public portal is a static single-page application in {@code META-INF/resources} (built from
 * {@code src/main/portal}); this class adds what it needs from the server: its login settings and the headers that
 * keep its pages from running scripts or framing from anywhere but here and Keycloak. Its pages have real paths
 * ({@code /piani/{id}/sintesi}): the gateway answers those with the application's page, which then shows the right one.
 */
@ApplicationScoped
public class PortalRoutes {

    /**
     * The portal's own paths, as its router knows them (src/router.js): only these get the application's page, so
     * {@code /api}, {@code /q}, {@code /openapi}, {@code /asyncapi} and unknown paths keep their own answers.
     */
    static final String PORTAL_PATHS = "/(piani|proposte|questionari|territori|interventi|partecipazione|notifiche)(/[^.]*)?";

    private static final String INDEX = "META-INF/resources/index.html";

    private final GatewayConfig.Portal portal;
    private volatile Buffer index;
    private final String contentSecurityPolicy;

    public PortalRoutes(GatewayConfig config) {
        this.portal = config.portal();
        String keycloak = portal.authority().getScheme() + "://" + portal.authority().getRawAuthority();
        // Styles stay 'unsafe-inline': Chart.js and the design system set style attributes at run time.
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; connect-src 'self' " + keycloak
                + "; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; "
                + "base-uri 'self'; form-action 'self' " + keycloak + "; frame-ancestors 'none'";
    }

    void register(@Observes Router router) {
        JsonObject settings = new JsonObject(
                Map.of("authority", portal.authority().toString(), "clientId", portal.clientId()));
        router.get("/portal/config.json").handler(rc -> rc.response().putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache").end(settings.encode()));
        router.getWithRegex(PORTAL_PATHS).handler(rc -> {
            Buffer page = index();
            if (page == null) {
                rc.next();
                return;
            }
            rc.response().putHeader("Content-Type", "text/html;charset=UTF-8").putHeader("Cache-Control", "no-cache")
                    .end(page);
        });
    }

    /** The built application's page; absent when the gateway runs without the portal (-DskipPortal). */
    private Buffer index() {
        Buffer page = index;
        if (page == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(INDEX)) {
                if (in == null) {
                    return null;
                }
                page = Buffer.buffer(in.readAllBytes());
                index = page;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return page;
    }

    void headers(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (!path.startsWith("/api/")) {
                rc.response().putHeader("Content-Security-Policy", contentSecurityPolicy);
            }
            if (path.startsWith("/assets/")) {
                // Vite puts a content hash in every asset's name: a changed file is a new URL.
                rc.addHeadersEndHandler(
                        v -> rc.response().putHeader("Cache-Control", "public, max-age=31536000, immutable"));
            } else if (path.equals("/") || path.equals("/index.html")) {
                // The page names the current assets, so it must be revalidated after every deployment.
                rc.addHeadersEndHandler(v -> rc.response().putHeader("Cache-Control", "no-cache"));
            }
            rc.next();
        }, 10);
    }
}
