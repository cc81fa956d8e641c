package org.coprogram.bridge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.coprogram.contracts.Topics;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/partner/events}: the public topics as Server-Sent Events, for partners that cannot run a Kafka
 * client (docs/partners.md). Role {@code partner}; one open stream per consumer group across all replicas
 * ({@link GroupLease}), the group being the partner's account plus an optional {@code group} name
 * ({@link StreamGroup}), so a partner can follow the topics for several purposes. Types withdrawn from partners ({@link RelayedEvents}) are skipped, their offsets committed like the rest.
 * <p>
 * Each SSE event is one CloudEvent in the CloudEvents JSON format ({@code id} and {@code event} lines repeat its id
 * and type). The stream reads with a consumer group of its own per partner and commits a batch only after writing it,
 * so a partner that reconnects resumes after the last batch it was sent: at least once, deduplicate by id. The answer
 * (200, or 409 when the group is taken) waits until Kafka has given the stream's consumer its group, so once a partner
 * has its 200 every other replica refuses the same group.
 * <p>
 * Opening a stream is a request like any other for the rate limiter. A partner (the client its token was issued to)
 * holds a few streams at most, the gateway a bounded number across partners. A stream lasts as long as the token that
 * opened it: it is closed when the token expires, and when the identity provider says it was revoked (checked at the
 * opening and then periodically).
 */
@ApplicationScoped
public class PartnerEventStream {

    public static final List<String> PUBLIC_TOPICS = Topics.PUBLIC;
    private static final Logger LOG = Logger.getLogger(PartnerEventStream.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final EventFormat JSON = new JsonFormat();
    /** How long a partner refused for its cap is told to wait: streams end when their partner closes them. */
    private static final String RETRY_AFTER = "30";

    /** Connection settings the bridge's consumers share with the services' Kafka clients (common's KafkaConnection). */
    static final List<String> CONNECTION_KEYS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password", "ssl.keystore.type",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.key.password",
            "ssl.endpoint.identification.algorithm");

    private final GroupLease lease;
    private final BridgeConfig config;
    private final RequestLimit requestLimit;
    private final TokenIntrospector introspector;
    private final OpenStreams open;
    private final ExecutorService relays = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "partner-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private final TopicNamespace namespace;

    public PartnerEventStream(BridgeConfig config, RequestLimit requestLimit, TokenIntrospector introspector,
            Config settings, Clock clock, TopicNamespace namespace) {
        this.clock = clock;
        this.namespace = namespace;
        this.config = config;
        Properties kafka = connection(settings);
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.config.bootstrapServers());
        this.lease = new GroupLease(kafka, this.config.sessionTimeout());
        this.requestLimit = requestLimit;
        this.introspector = introspector;
        this.open = new OpenStreams(this.config.maxConnections(), this.config.maxPerPartner());
        relays.execute(lease::connect);
    }

    @PreDestroy
    void stop() {
        lease.close();
    }

    void register(@Observes Router router) {
        // Before the /api/* proxy: this path is the gateway's own.
        router.get("/api/partner/events").order(-100).handler(this::open);
    }

    private void open(RoutingContext rc) {
        Context context = Vertx.currentContext(); // the request's event loop, which the stream's writes keep to
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(identity -> authorised(rc, context, identity),
                failure -> {
                    if (failure instanceof AuthenticationFailedException) {
                        GatewayProblems.send(rc, 401, "Autenticazione non valida",
                                "Il token di accesso non è valido o è scaduto");
                    } else {
                        GatewayProblems.send(rc, 503, "Servizio temporaneamente non disponibile",
                                "Autenticazione non disponibile, riprova tra qualche secondo");
                    }
                });
    }

    private void authorised(RoutingContext rc, Context context, SecurityIdentity identity) {
        OptionalLong retryAfter = requestLimit
                .refuse(identity.isAnonymous() ? null : identity.getPrincipal().getName(), rc.request());
        if (retryAfter.isPresent()) {
            GatewayProblems.send(rc, 429, "Troppe richieste", "Hai superato il limite di richieste: riprova più tardi",
                    Map.of("Retry-After", Long.toString(retryAfter.getAsLong())));
            return;
        }
        if (identity.isAnonymous()) {
            GatewayProblems.send(rc, 401, "Autenticazione richiesta", "Il flusso di eventi è riservato ai partner");
            return;
        }
        if (!PartnerRole.isPartner(identity) || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            GatewayProblems.send(rc, 403, "Accesso negato", "Il flusso di eventi è riservato ai partner");
            return;
        }
        List<String> topics = topics(rc.queryParams().get("topics"));
        if (topics.isEmpty()) {
            GatewayProblems.send(rc, 400, "Parametro non valido",
                    "topics: indicare uno o più tra " + String.join(", ", PUBLIC_TOPICS));
            return;
        }
        String name = rc.queryParams().get("group");
        if (name != null && !StreamGroup.NAME.matcher(name).matches()) {
            GatewayProblems.send(rc, 400, "Parametro non valido", "group: da 1 a 40 caratteri tra a-z, 0-9 e -");
            return;
        }
        String group = StreamGroup.of(identity.getPrincipal().getName(), name);
        String partner = partnerOf(token);
        switch (open.open(partner, group)) {
            case GROUP_OPEN -> {
                groupTaken(rc);
                return;
            }
            case PARTNER_FULL -> {
                GatewayProblems.send(rc, 429, "Troppi flussi aperti", "Questo partner ha già " + open.maxPerPartner()
                        + " flussi di eventi aperti: chiudine uno prima di aprirne un altro",
                        Map.of("Retry-After", RETRY_AFTER));
                return;
            }
            case GATEWAY_FULL -> {
                GatewayProblems.send(rc, 503, "Troppi flussi aperti", "Riprova tra qualche minuto",
                        Map.of("Retry-After", RETRY_AFTER));
                return;
            }
            case OPENED -> {
                // below
            }
        }
        introspector.check(token.getRawToken()).thenAccept(status -> context.runOnContext(v -> {
            if (status == TokenIntrospector.Status.REVOKED) {
                open.close(partner, group);
                GatewayProblems.send(rc, 401, "Autenticazione non valida", "Il token di accesso è stato revocato");
            } else if (rc.response().closed()) {
                open.close(partner, group); // the partner left while its token was being checked
            } else {
                start(rc, context, new Stream(partner, group, token), topics);
            }
        }));
    }

    private static void groupTaken(RoutingContext rc) {
        GatewayProblems.send(rc, 409, "Flusso già aperto",
                "Per questo gruppo è già aperto un flusso di eventi: chiudilo o usa un altro group");
    }

    private static void unavailable(RoutingContext rc) {
        GatewayProblems.send(rc, 503, "Servizio temporaneamente non disponibile",
                "Il flusso di eventi non è disponibile, riprova tra qualche secondo");
    }

    /**
     * Who holds the streams, for the per-partner cap: the client the token was issued to ({@code azp}), which for a
     * partner's service account is the partner itself; the subject when a token names no client.
     */
    static String partnerOf(JsonWebToken token) {
        Object client = token.getClaim("azp");
        if (client != null && !client.toString().isBlank()) {
            return "client:" + client;
        }
        return "subject:" + token.getSubject();
    }

    /** Requested topics, all public ones by default; empty when one of them is not public. */
    static List<String> topics(String requested) {
        if (requested == null || requested.isBlank()) {
            return PUBLIC_TOPICS;
        }
        List<String> topics = Arrays.stream(requested.split(",")).map(String::trim).distinct().toList();
        return PUBLIC_TOPICS.containsAll(topics) ? topics : List.of();
    }

    /**
     * One stream, and what ends it: the partner leaving, its token expiring or revoked, another replica taking its
     * group, a failure. It begins (200 and the event-stream headers) once its consumer has joined the group; what ends
     * it before that is answered with a problem instead.
     */
    private final class Stream {
        final String partner;
        final String group;
        final JsonWebToken token;
        final AtomicBoolean closed = new AtomicBoolean();
        RoutingContext rc;
        HttpServerResponse response;
        Context context;
        volatile KafkaConsumer<String, CloudEvent> consumer;
        /** Written on the request's context only. */
        boolean begun;
        long expiryTimer = -1;
        long revocationTimer = -1;

        Stream(String partner, String group, JsonWebToken token) {
            this.partner = partner;
            this.group = group;
            this.token = token;
        }

        /**
         * Ends the stream once; {@code reason}, when given, is its last line (an SSE comment {@code : chiuso: reason}),
         * or, before it began, the detail of a 401: only the token's end closes a stream with a reason that early.
         */
        void close(String reason) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            LOG.debugf("Partner stream %s closed: %s", group, reason);
            KafkaConsumer<String, CloudEvent> joining = consumer;
            if (joining != null) {
                joining.wakeup();
            }
            context.runOnContext(v -> {
                cancelTimers();
                if (response.ended() || response.closed()) {
                    return;
                }
                if (begun) {
                    response.end(reason == null ? "" : ": chiuso: " + reason + "\n\n");
                } else if (reason != null) {
                    GatewayProblems.send(rc, 401, "Autenticazione non valida",
                            Character.toUpperCase(reason.charAt(0)) + reason.substring(1));
                } else {
                    unavailable(rc);
                }
            });
        }

        /** Ends the stream before it began with a problem (the group taken: 409; a failure: 503). */
        void refuse(boolean groupTaken) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            context.runOnContext(v -> {
                cancelTimers();
                if (response.ended() || response.closed()) {
                    return;
                }
                if (groupTaken) {
                    groupTaken(rc);
                } else {
                    unavailable(rc);
                }
            });
        }

        /** The answer and the event-stream headers, once the consumer has the group; false if ended meanwhile. */
        CompletableFuture<Boolean> begin() {
            CompletableFuture<Boolean> begun = new CompletableFuture<>();
            context.runOnContext(v -> {
                if (closed.get() || response.ended() || response.closed()) {
                    begun.complete(false);
                    return;
                }
                this.begun = true;
                response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                        .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
                response.write(": coprogram, eventi per il gruppo " + group + "\n\n");
                begun.complete(true);
            });
            return begun;
        }

        private void cancelTimers() {
            context.owner().cancelTimer(expiryTimer);
            context.owner().cancelTimer(revocationTimer);
        }

        void checkRevocation() {
            introspector.check(token.getRawToken()).thenAccept(status -> {
                if (status == TokenIntrospector.Status.REVOKED) {
                    close("il token di accesso è stato revocato");
                }
            });
        }
    }

    private void start(RoutingContext rc, Context context, Stream stream, List<String> topics) {
        HttpServerResponse response = rc.response();
        stream.rc = rc;
        stream.response = response;
        stream.context = context;
        response.closeHandler(v -> stream.close(null));
        Vertx vertx = stream.context.owner();
        stream.expiryTimer = vertx.setTimer(untilExpiry(stream.token.getExpirationTime(), clock),
                id -> stream.close("il token di accesso è scaduto"));
        stream.revocationTimer = vertx.setPeriodic(Math.max(1, config.revocationCheckInterval().toMillis()),
                id -> stream.checkRevocation());
        relays.execute(() -> relay(stream, topics));
    }

    /** Milliseconds until a token expiring at {@code expiresAtSeconds} (epoch seconds) expires, by {@code clock}; >= 1. */
    static long untilExpiry(long expiresAtSeconds, Clock clock) {
        return Math.max(1, expiresAtSeconds * 1000 - clock.millis());
    }

    private void relay(Stream stream, List<String> topics) {
        KafkaConsumer<String, CloudEvent> consumer = null;
        try {
            lease.requireFree(stream.group);
            consumer = lease.consumer(stream.group);
            stream.consumer = consumer;
            ConsumerRecords<String, CloudEvent> records = GroupLease.join(consumer, stream.group,
                    namespace.named(topics), config.joinTimeout(), stream.closed::get);
            if (records == null || !stream.begin().get(10, TimeUnit.SECONDS)) {
                return;
            }
            long lastWrite = System.nanoTime();
            while (!stream.closed.get()) {
                StringBuilder frames = new StringBuilder();
                for (ConsumerRecord<String, CloudEvent> record : records) {
                    if (RelayedEvents.relayed(record.value())) {
                        frames.append(frame(record.value()));
                    }
                }
                if (frames.isEmpty() && System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
                    frames.append(": keep-alive\n\n");
                }
                if (!frames.isEmpty()) {
                    // Waiting for the write is the back-pressure: a slow reader slows its consumer, nothing piles up.
                    write(stream.context, stream.response, frames.toString()).get(60, TimeUnit.SECONDS);
                    lastWrite = System.nanoTime();
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
                records = consumer.poll(Duration.ofMillis(500));
            }
        } catch (GroupLease.GroupTaken e) {
            stream.refuse(true);
        } catch (WakeupException e) {
            // closed: the partner went away, or the token expired or was revoked
        } catch (Exception e) {
            if (stream.begun && GroupLease.lost(e)) {
                // Two replicas opened the group at the same moment and the broker kept the other stream.
                stream.close("il gruppo è passato a un altro flusso aperto nello stesso momento");
            } else if (!stream.closed.get()) {
                LOG.warnf("Partner stream %s ended: %s", stream.group, e.getMessage());
                if (stream.begun) {
                    stream.close(null);
                } else {
                    stream.refuse(false);
                }
            }
        } finally {
            if (consumer != null) {
                GroupLease.leave(consumer);
            }
            open.close(stream.partner, stream.group);
        }
    }

    /** One SSE event; a line break inside the JSON (data published pretty-printed) continues on a new data line. */
    static String frame(CloudEvent event) {
        String json = new String(JSON.serialize(event), StandardCharsets.UTF_8);
        StringBuilder frame = new StringBuilder("id: ").append(event.getId()).append("\nevent: ")
                .append(event.getType())
                .append('\n');
        for (String line : json.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    private static CompletableFuture<Void> write(Context context, HttpServerResponse response, String frames) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                written.completeExceptionally(new IllegalStateException("stream closed"));
                return;
            }
            response.write(frames).onComplete(result -> {
                if (result.succeeded()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(result.cause());
                }
            });
        });
        return written;
    }

    /**
     * The login and TLS settings of the cluster's authenticated listener ({@code kafka.security.protocol},
     * {@code kafka.sasl.*}, {@code kafka.ssl.*}: k8s/base/kafka), as the services' clients get them; none locally.
     */
    static Properties connection(Config settings) {
        Properties connection = new Properties();
        for (String key : CONNECTION_KEYS) {
            settings.getOptionalValue("kafka." + key, String.class).filter(value -> !value.isBlank())
                    .ifPresent(value -> connection.put(key, value));
        }
        return connection;
    }
}
