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
        PROPOSAL, SURVEY, MEETING, SYNTHESIS, NOTIFICATION
    }

    /**
     * Proposals, the organisation registry whose verified organisations they speak for (docs/identity.md), and the
     * Decidim imports and exports of proposals (docs/decidim.md).
     */
    private static final Pattern PROPOSALS = Pattern.compile("^/api/(proposals(/.*)?|plans/[^/]+/(proposals(/.*)?"
            + "|moderation-queue|comment-moderation-queue|imports/decidim|exports/decidim)|imports(/.*)?|organizations(/.*)?"
            + "|regions/[^/]+/organizations(/.*)?|me/proposals|me/supports|me/comments|me/erasure|me/export/proposals)$");
    /**
     * Under {@code /api/proposals/} but synthesis-service's: what became of a proposal in the plan's measures
     * (docs/plan-document.md, "Traceability").
     */
    private static final Pattern PROPOSAL_FATE = Pattern.compile("^/api/proposals/[^/]+/fate$");
    /**
     * Comments on every target live in proposal-service (docs/dialogue.md), though meetings, social reports and measures
     * themselves live elsewhere: checked before the other services' patterns.
     */
    private static final Pattern COMMENTS = Pattern
            .compile("^/api/(comments(/.*)?|(meetings|social-reports|measures)/[^/]+/comments)$");
    /** "La mia partecipazione" (docs/dialogue-participation.md): each service serves its own part under /api/me. */
    private static final Pattern SURVEYS = Pattern
            .compile("^/api/(surveys(/.*)?|plans/[^/]+/surveys(/.*)?|me/survey-receipts|me/export/surveys)$");
    private static final Pattern MEETINGS = Pattern
            .compile("^/api/(meetings(/.*)?|plans/[^/]+/meetings(/.*)?|me/registrations|me/export/meetings)$");
    /** A person's follows, notification centre and e-mail preference; the e-mails' one-click unsubscribe. */
    private static final Pattern NOTIFICATIONS = Pattern.compile(
            "^/api/(me/(follows|notifications)(/.*)?|me/notification-preferences|me/export/notifications|notifications(/.*)?)$");

    /**
     * The one write an anonymous caller may send: RFC 8058's one-click unsubscribe, which a mail client POSTs without
     * any login; the signed token in its query is the credential, checked by notification-service.
     */
    private static final Pattern ANONYMOUS_WRITES = Pattern.compile("^/api/notifications/unsubscribe$");

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
        if (PROPOSAL_FATE.matcher(path).matches()) {
            return Service.SYNTHESIS;
        }
        if (PROPOSALS.matcher(path).matches() || COMMENTS.matcher(path).matches()) {
            return Service.PROPOSAL;
        }
        if (SURVEYS.matcher(path).matches()) {
            return Service.SURVEY;
        }
        if (MEETINGS.matcher(path).matches()) {
            return Service.MEETING;
        }
        if (NOTIFICATIONS.matcher(path).matches()) {
            return Service.NOTIFICATION;
        }
        return Service.SYNTHESIS;
    }

    /** Whether an anonymous caller may send this write (the gateway refuses every other anonymous write with 401). */
    public static boolean acceptsAnonymousWrite(String path) {
        return ANONYMOUS_WRITES.matcher(path).matches();
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
