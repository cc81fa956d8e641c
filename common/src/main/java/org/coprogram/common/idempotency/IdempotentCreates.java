package org.coprogram.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.idempotency.IdempotencyRepository.Scope;
import org.coprogram.common.idempotency.IdempotencyRepository.StoredResponse;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Creates that a client may retry with the same {@code Idempotency-Key} and get the first answer again, not a second
 * record and a second event. The key is claimed and the answer stored in the transaction of the create itself (the
 * service's {@code @WithTransaction} joins the one opened here): either the record, its event and the key are all
 * committed, or none is, and a failed create leaves the key free for a retry. The key lives in the database, so the
 * guarantee holds across restarts and replicas. A key belongs to one caller and one operation: another person's
 * identical key is another key. Concurrent duplicates meet on the table's primary key: the second waits for the first
 * transaction and then, if it committed, replays its answer.
 */
@ApplicationScoped
public class IdempotentCreates {

    private final IdempotencyRepository repository;
    private final Caller caller;
    private final Pseudonymizer pseudonyms;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public IdempotentCreates(IdempotencyRepository repository, Caller caller, Pseudonymizer pseudonyms,
            ObjectMapper json, MeterRegistry registry) {
        this.repository = repository;
        this.caller = caller;
        this.pseudonyms = pseudonyms;
        this.json = json;
        this.registry = registry;
    }

    /**
     * Runs {@code create} once per key.
     *
     * @param operation stable name of the create, e.g. {@code proposal.submit}; part of the key's scope
     * @param key the {@code Idempotency-Key} header; null runs {@code create} as if there were no such mechanism
     * @param request everything the answer depends on besides the caller (path ids and body), e.g.
     *        {@code List.of(planId, body)}: a retry must send the same, or it gets 422
     * @param create the create; its response (a status, perhaps a {@code Location}, a JSON entity) is what a retry
     *        gets again
     */
    public Uni<Response> create(String operation, String key, Object request, Supplier<Uni<Response>> create) {
        if (key == null) {
            return create.get();
        }
        IdempotencyKey.require(key);
        Scope scope = new Scope(pseudonyms.of(caller.accountId()), operation, key);
        String hash = fingerprint(operation, request);
        return Panache.withTransaction(() -> repository.claim(scope, hash).flatMap(first -> first
                ? create.get().call(response -> repository.complete(scope, stored(hash, response)))
                : repository.find(scope).map(stored -> replay(operation, stored, hash))));
    }

    private Response replay(String operation, StoredResponse first, String hash) {
        if (!first.requestHash().equals(hash)) {
            throw new ProblemException(422, "Idempotency-Key già usata",
                    "La stessa Idempotency-Key è stata usata per una richiesta diversa",
                    List.of(new Violation(IdempotencyKey.HEADER, "chiave già usata per un'altra richiesta")));
        }
        registry.counter("coprogram.idempotency.replays", "operation", operation).increment();
        Response.ResponseBuilder response = Response.status(first.status()).header(IdempotencyKey.REPLAYED, "true");
        if (first.location() != null) {
            response.header(HttpHeaders.LOCATION, first.location());
        }
        if (first.body() != null) {
            response.entity(first.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return response.build();
    }

    private StoredResponse stored(String hash, Response response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        String path = location == null ? null : location.toString();
        String resourceId = path == null ? null : path.substring(path.lastIndexOf('/') + 1);
        String body = response.getEntity() == null ? null : toJson(response.getEntity());
        return new StoredResponse(hash, response.getStatus(), path, resourceId, body);
    }

    private String fingerprint(String operation, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operation + "\n" + toJson(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable: " + value.getClass().getName(), e);
        }
    }
}
