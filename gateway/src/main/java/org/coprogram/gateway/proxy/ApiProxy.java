package org.coprogram.gateway.proxy;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.bridge.GatewayProblems;
import org.coprogram.gateway.GatewayConfig;
import org.coprogram.gateway.export.PersonalDataExport;
import org.coprogram.gateway.participation.MyParticipation;
import org.coprogram.gateway.ratelimit.ClientAddress;
import org.coprogram.gateway.ratelimit.HeavyRequests;
import org.coprogram.gateway.ratelimit.RateLimiter;
import org.coprogram.telemetry.TraceContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The single entry point for {@code /api/**}: authenticates the bearer token when one is sent, lets anonymous callers
 * only read (and send the e-mails' one-click unsubscribe, {@link ServiceRoutes#acceptsAnonymousWrite}), rate-limits, bounds the body size, then streams the request to the owning service and its answer back
 * (vertx-http-proxy: status and headers preserved, the bearer token forwarded). A body that announces its length is
 * streamed; a chunked one, whose size is known only at its end, is read up to the limit first, so that a body over it
 * gets 413 without anything reaching a service.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ServiceRoutes routes;
    private final RateLimiter rateLimiter;
    private final GatewayConfig config;
    private final MyParticipation participation;
    private final PersonalDataExport export;
    private Vertx vertx;
    /** Chunked bodies read within the limit, handed to the proxy interceptor in place of the consumed stream. */
    private final Map<HttpServerRequest, Buffer> readBodies = new ConcurrentHashMap<>();

    public ApiProxy(ServiceRoutes routes, RateLimiter rateLimiter, GatewayConfig config,
            MyParticipation participation, PersonalDataExport export) {
        this.participation = participation;
        this.export = export;
        this.routes = routes;
        this.rateLimiter = rateLimiter;
        this.config = config;
    }

    void register(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        // Under overload a bounded wait queue answers at once instead of queueing for minutes behind a slow service;
        // the idle timeout closes a pooled connection that no longer moves, so an abandoned request cannot hold a
        // pool slot for good.
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)
                .setPipelining(false).setConnectTimeout(2000).setIdleTimeout(30).setMaxWaitQueueSize(400));
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .originSelector(this::originOf);
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                Buffer body = readBodies.remove(context.request().proxiedRequest());
                if (body != null) {
                    // sent with its Content-Length; an empty one (an HTTP/2 GET, say) as no body at all
                    context.request().setBody(body.length() == 0 ? null : Body.body(body));
                }
                // A service that is down or restarting: answer 503 problem+json with Retry-After, like every other
                // refusal, instead of the proxy's bare 502.
                return context.sendRequest().recover(failure -> {
                    LOG.warnf("Upstream unavailable for %s: %s", context.request().getURI(), failure.getMessage());
                    ProxyResponse response = context.request().response().setStatusCode(503)
                            .setStatusMessage("Service Unavailable");
                    response.headers().clear();
                    response.putHeader("Content-Type", "application/problem+json").putHeader("Retry-After", "5");
                    response.setBody(Body.body(Buffer.buffer(GatewayProblems.body(503,
                            "Servizio temporaneamente non disponibile",
                            "Il servizio non risponde in questo momento: riprova tra qualche secondo",
                            context.request().proxiedRequest().path()))));
                    return Future.succeededFuture(response);
                });
            }

            @Override
            public Future<Void> handleProxyResponse(ProxyContext context) {
                // Set, not add: a service echoes the id too, and the caller should see it once.
                context.response().headers().set(REQUEST_ID, context.request().headers().get(REQUEST_ID));
                return context.sendResponse();
            }
        });
        router.route("/api/*").handler(rc -> handle(rc, proxy));
        // Quarkus reports a rejected bearer token as a route failure; answer it in problem+json like everything else.
        router.route("/api/*").failureHandler(rc -> {
            if (rc.failure() instanceof AuthenticationFailedException && !rc.response().headWritten()) {
                invalidToken(rc);
            } else {
                rc.next();
            }
        });
    }

    private static void invalidToken(RoutingContext rc) {
        GatewayProblems.send(rc, 401, "Autenticazione non valida", "Il token di accesso non è valido o è scaduto",
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    private Future<SocketAddress> originOf(HttpServerRequest request) {
        URI origin = routes.origin(ServiceRoutes.owner(request.path()));
        return Future.succeededFuture(SocketAddress.inetSocketAddress(origin.getPort(), origin.getHost()));
    }

    private void handle(RoutingContext rc, HttpProxy proxy) {
        HttpServerRequest request = rc.request();
        request.pause();
        propagateTrace(request);
        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && parseLength(contentLength) > maxBodyBytes(request)) {
            tooLarge(rc, Map.of("Connection", "close"));
            return;
        }
        identity(rc).subscribe().with(identity -> {
            boolean anonymous = identity.isAnonymous();
            if (anonymous && !READS.contains(request.method())
                    && !ServiceRoutes.acceptsAnonymousWrite(request.path())) {
                GatewayProblems.send(rc, 401, "Autenticazione richiesta", "Accedi per eseguire questa operazione",
                        Map.of("WWW-Authenticate", "Bearer"));
                return;
            }
            String method = request.method().name();
            RateLimiter.Decision decision = rateLimiter.tryAcquire(anonymous ? null : identity.getPrincipal().getName(),
                    clientAddress(request), HeavyRequests.isHeavy(method, request.path()));
            if (!decision.allowed()) {
                GatewayProblems.send(rc, 429, "Troppe richieste", !decision.heavy()
                        ? "Hai superato il limite di richieste: riprova più tardi"
                        : HeavyRequests.isErasureRequest(method, request.path())
                                ? "Hai superato il limite di richieste di cancellazione dei dati: riprova più tardi"
                                : "Hai superato il limite di richieste per report, gruppi tematici ed esportazioni CSV: riprova più tardi",
                        Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
                return;
            }
            if (MyParticipation.handles(request)) {
                // Composed here from each service's own part, with the caller's token (docs/dialogue-participation.md).
                if (anonymous) {
                    GatewayProblems.send(rc, 401, "Autenticazione richiesta",
                            "Accedi per vedere la tua partecipazione", Map.of("WWW-Authenticate", "Bearer"));
                } else {
                    participation.compose(rc, vertx);
                }
            } else if (PersonalDataExport.handles(request)) {
                // Streamed here from each service's own part, with the caller's token (docs/privacy.md).
                if (anonymous) {
                    GatewayProblems.send(rc, 401, "Autenticazione richiesta", "Accedi per scaricare i tuoi dati",
                            Map.of("WWW-Authenticate", "Bearer"));
                } else {
                    export.export(rc, vertx, subject(identity));
                }
            } else if (contentLength == null && hasUnannouncedBody(request)) {
                readWithinLimit(rc, proxy);
            } else {
                forward(rc, proxy);
            }
        }, failure -> {
            if (failure instanceof AuthenticationFailedException) {
                invalidToken(rc);
            } else {
                LOG.warnf("Authentication unavailable: %s", failure.getMessage());
                GatewayProblems.send(rc, 503, "Servizio temporaneamente non disponibile",
                        "Autenticazione non disponibile, riprova tra qualche secondo", Map.of("Retry-After", "5"));
            }
        });
    }

    /**
     * The service's span is a child of the gateway's: its traceparent replaces whatever the client sent (the proxy
     * forwards the request's headers), and with tracing off none is forwarded. Read here, on the request's own
     * context, where the server span is current (docs/operations.md, "Tracing").
     */
    private static void propagateTrace(HttpServerRequest request) {
        String traceparent = TraceContext.current();
        if (traceparent == null) {
            request.headers().remove(TraceContext.TRACEPARENT);
        } else {
            request.headers().set(TraceContext.TRACEPARENT, traceparent);
        }
        request.headers().remove("tracestate");
    }

    private void tooLarge(RoutingContext rc, Map<String, String> headers) {
        GatewayProblems.send(rc, 413, "Richiesta troppo grande",
                "Il corpo della richiesta supera " + maxBodyBytes(rc.request()) + " byte", headers);
    }

    /** File uploads (docs/decidim.md) may be larger than any other body. */
    private long maxBodyBytes(HttpServerRequest request) {
        return ServiceRoutes.isUpload(request.path()) ? config.maxUploadBytes() : config.maxBodyBytes();
    }

    /**
     * A chunked body (HTTP/1.1), or any HTTP/2 request without content-length: whether it has a body at all is known
     * only at its end (the end of a paused request is not seen yet), and its size too.
     */
    private static boolean hasUnannouncedBody(HttpServerRequest request) {
        return request.headers().contains("Transfer-Encoding") || request.version() == HttpVersion.HTTP_2;
    }

    /**
     * Reads the body into memory up to the limit, then forwards it whole; at the first byte over it, answers 413 and
     * forwards nothing. The rest of that body is read and dropped (up to the limit once more, then the connection is
     * closed), so that the client, still sending, receives the answer instead of a reset connection.
     */
    private void readWithinLimit(RoutingContext rc, HttpProxy proxy) {
        HttpServerRequest request = rc.request();
        long max = maxBodyBytes(request);
        Buffer body = Buffer.buffer();
        long[] dropped = {-1}; // -1 while the body is within the limit
        request.handler(chunk -> {
            if (dropped[0] >= 0) {
                dropped[0] += chunk.length();
                if (dropped[0] > max) {
                    request.connection().close();
                }
            } else if (body.length() + chunk.length() > max) {
                dropped[0] = 0;
                tooLarge(rc, Map.of());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> LOG.debugf("Request body not read: %s", failure.getMessage()));
        request.endHandler(v -> {
            if (dropped[0] < 0) {
                HttpServerRequest read = new ReadRequest((HttpServerRequestInternal) request);
                readBodies.put(read, body);
                rc.addEndHandler(done -> readBodies.remove(read));
                forward(rc, read, proxy);
            }
        });
        request.resume();
    }

    /**
     * A request whose body the gateway has read to its end. The proxy pauses the request it is given, and an ended
     * HTTP/2 request refuses that; its body comes from {@link #readBodies} instead, so its stream is left alone.
     */
    private static final class ReadRequest extends HttpServerRequestWrapper {

        ReadRequest(HttpServerRequestInternal delegate) {
            super(delegate);
        }

        @Override
        public HttpServerRequest pause() {
            return this;
        }

        @Override
        public HttpServerRequest resume() {
            return this;
        }

        @Override
        public HttpServerRequest fetch(long amount) {
            return this;
        }

        @Override
        public HttpServerRequest handler(Handler<Buffer> handler) {
            return this;
        }

        @Override
        public HttpServerRequest endHandler(Handler<Void> handler) {
            return this;
        }
    }

    private void forward(RoutingContext rc, HttpProxy proxy) {
        forward(rc, rc.request(), proxy);
    }

    private void forward(RoutingContext rc, HttpServerRequest request, HttpProxy proxy) {
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
            request.headers().set(REQUEST_ID, requestId);
        }
        // As every proxy does: the address this request came from is appended to what the previous hops wrote.
        String forwardedFor = String.join(", ", request.headers().getAll("X-Forwarded-For"));
        String address = remoteAddress(request);
        request.headers().set("X-Forwarded-For", forwardedFor.isEmpty() ? address : forwardedFor + ", " + address);
        proxy.handle(request);
    }

    /** The token's subject, the account id every service knows the person by. */
    private static String subject(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
    }

    private static Uni<SecurityIdentity> identity(RoutingContext rc) {
        return QuarkusHttpUser.getSecurityIdentity(rc, null);
    }

    /** The connection's peer: the client, or the nearest proxy when the deployment has one. */
    private static String remoteAddress(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    /** The key of the anonymous rate limit: the address the outermost trusted proxy saw (see {@link ClientAddress}). */
    public static String clientAddress(HttpServerRequest request, int trustedProxies) {
        return ClientAddress.of(remoteAddress(request), request.headers().getAll("X-Forwarded-For"), trustedProxies);
    }

    private String clientAddress(HttpServerRequest request) {
        return clientAddress(request, config.trustedProxies());
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
