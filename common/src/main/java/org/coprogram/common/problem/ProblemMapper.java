package org.coprogram.common.problem;

import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** The one place where errors become RFC 9457 problem+json; nothing internal (stack, class names) leaks out. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = new Problem("about:blank", e.title(), e.status(), e.getMessage(), uri.getPath(),
                e.violations(), e.errors(), e.errorCount());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            violations.add(new Violation(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort((a, b) -> a.field().compareTo(b.field()));
        return respond(400, "Richiesta non valida", "Alcuni campi non sono validi", uri, violations);
    }

    /** Listed one by one: Quarkus' own mapper for MismatchedInputException would otherwise win for its subclasses. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = pathOf(unknown);
            return respond(400, "Richiesta non valida", "Campo sconosciuto: " + field, uri,
                    List.of(new Violation(field, "campo non previsto")));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String field = pathOf((JsonMappingException) e);
            if (!field.isEmpty()) {
                return respond(400, "Richiesta non valida", "Valore di tipo non valido per il campo " + field, uri,
                        List.of(new Violation(field, "tipo o formato non valido")));
            }
        }
        return respond(400, "Richiesta non valida", "Il corpo della richiesta non è un JSON valido", uri,
                List.of(new Violation("body", "JSON non valido")));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Operazione non autorizzata", "Il tuo profilo non consente questa operazione", uri,
                List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 400) {
            return respond(400, "Richiesta non valida", "Il corpo della richiesta non è leggibile", uri,
                    List.of(new Violation("body", "JSON non valido")));
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Errore" : known.getReasonPhrase();
        return respond(status, title, status == 404 ? "Risorsa non trovata" : title, uri, List.of());
    }

    private static final java.util.Set<String> LIMIT_REACHED = java.util.Set.of("55P03", "57014");

    private static Response unavailable(Exception e, UriInfo uri) {
        LOG.warnf("Dependency unavailable: %s", e.getMessage());
        Response response = respond(503, "Servizio temporaneamente non disponibile",
                "Riprova tra qualche secondo", uri, List.of());
        return Response.fromResponse(response).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (dependencyUnavailable(e)) {
            return unavailable(e, uri);
        }
        LOG.error("Unexpected error on " + uri.getPath(), e);
        return respond(500, "Errore interno", "Si è verificato un errore imprevisto", uri, List.of());
    }

    /**
     * The database or a peer went away or is restarting: a refused or reset connection, or PostgreSQL's "operator
     * intervention" states (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), or a transaction's
     * limit reached (lock or statement timeout), anywhere in the cause chain. The request may be retried, so it is a
     * 503, not an internal error.
     */
    static boolean dependencyUnavailable(Throwable error) {
        // 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout): a bounded write
        // (TransactionLimits) gave up waiting, rolled back; retrying later is right.
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof ClosedConnectionException) {
                return true;
            }
            // Hibernate Reactive reports PostgreSQL's errors as java.sql.SQLException, the reactive client as PgException.
            String state = cause instanceof PgException pg
                    ? pg.getSqlState()
                    : cause instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("57P") || LIMIT_REACHED.contains(state))) {
                return true;
            }
        }
        return false;
    }

    private Response unauthenticated(UriInfo uri) {
        Response response = respond(401, "Autenticazione richiesta", "Accedi per eseguire questa operazione", uri,
                List.of());
        return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
    }

    private static Response respond(int status, String title, String detail, UriInfo uri, List<Violation> violations) {
        Problem problem = new Problem("about:blank", title, status, detail, uri.getPath(), violations, List.of(),
                null);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** {@code create.request.title} becomes {@code title}; a query parameter keeps its own name. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // An index or key on a node addresses the container that precedes it: themes[0].code
                if (node.isInIterable() && !field.isEmpty()) {
                    Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                    if (position != null) {
                        field.append('[').append(position).append(']');
                    }
                }
                if (node.getName() == null || node.getName().startsWith("<")) {
                    continue;
                }
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter != null ? parameter : "body";
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
