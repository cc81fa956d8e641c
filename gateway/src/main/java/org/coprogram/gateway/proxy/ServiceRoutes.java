package org.coprogram.gateway.proxy;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.gateway.GatewayConfig;

/** Which service owns an {@code /api} path, as DESIGN.md assigns them. */
@ApplicationScoped
public class ServiceRoutes {

    public enum Service {
        PROPOSAL, SURVEY, MEETING, SYNTHESIS
    }

    /**
     * Proposals, the organisation registry whose verified organisations they speak for (docs/identity.md), and the
     * Decidim imports and exports of proposals (docs/decidim.md).
     */
    private static final Pattern PROPOSALS = Pattern.compile("^/api/(proposals(/.*)?|plans/[^/]+/(proposals(/.*)?"
            + "|moderation-queue|imports/decidim|exports/decidim)|imports(/.*)?|organizations(/.*)?"
            + "|regions/[^/]+/organizations(/.*)?)$");
    private static final Pattern SURVEYS = Pattern.compile("^/api/(surveys(/.*)?|plans/[^/]+/surveys(/.*)?)$");
    private static final Pattern MEETINGS = Pattern.compile("^/api/(meetings(/.*)?|plans/[^/]+/meetings(/.*)?)$");

    /** Paths that take file uploads, with a larger body limit ({@code gateway.max-upload-bytes}). */
    private static final Pattern UPLOADS = Pattern.compile("^/api/plans/[^/]+/imports/decidim$");

    private final Map<Service, URI> origins = new EnumMap<>(Service.class);

    public ServiceRoutes(GatewayConfig config) {
        for (Service service : Service.values()) {
            URI origin = config.services().get(service.name().toLowerCase());
            if (origin == null) {
                throw new IllegalStateException("Missing gateway.services." + service.name().toLowerCase());
            }
            origins.put(service, origin);
        }
    }

    public static Service owner(String path) {
        if (PROPOSALS.matcher(path).matches()) {
            return Service.PROPOSAL;
        }
        if (SURVEYS.matcher(path).matches()) {
            return Service.SURVEY;
        }
        if (MEETINGS.matcher(path).matches()) {
            return Service.MEETING;
        }
        return Service.SYNTHESIS;
    }

    public static boolean isUpload(String path) {
        return UPLOADS.matcher(path).matches();
    }

    public URI origin(Service service) {
        return origins.get(service);
    }

    public Map<Service, URI> all() {
        return Map.copyOf(origins);
    }
}
