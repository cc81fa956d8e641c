package org.coprogram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.coprogram.bridge.TokenIntrospector.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Against a small stand-in for Keycloak: its discovery document and an introspection endpoint per answer. */
class TokenIntrospectorTest {

    private HttpServer keycloak;
    private URI base;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = URI.create("http://127.0.0.1:" + keycloak.getAddress().getPort());
        keycloak.createContext("/realm/.well-known/openid-configuration", exchange -> answer(exchange, 200,
                "{\"issuer\":\"" + base + "/realm\",\"introspection_endpoint\":\"" + base + "/active\"}"));
        keycloak.createContext("/active", exchange -> answer(exchange, 200, "{\"active\":true,\"azp\":\"p\"}"));
        keycloak.createContext("/revoked", exchange -> answer(exchange, 200, "{\"active\":false}"));
        keycloak.createContext("/wrong-client", exchange -> answer(exchange, 401, "{\"error\":\"invalid_client\"}"));
        keycloak.createContext("/garbage", exchange -> answer(exchange, 200, "<html>"));
        keycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    @Test
    void anActiveTokenIsActiveAndTheGatewayAuthenticatesAsItsOwnClient() throws Exception {
        assertThat(introspector(null).check("the.token").get(10, TimeUnit.SECONDS)).isEqualTo(Status.ACTIVE);
        // discovered, then asked with the gateway's client credentials and the token
        assertThat(received).hasSize(2);
        String basic = Base64.getEncoder().encodeToString("coprogram-api:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(received.get(1))
                .isEqualTo("/active Basic " + basic + " token=the.token&token_type_hint=access_token");
    }

    @Test
    void onlyAnExplicitActiveFalseIsARevocation() throws Exception {
        assertThat(check("/revoked")).isEqualTo(Status.REVOKED);
        assertThat(check("/wrong-client")).as("the gateway's own credentials refused").isEqualTo(Status.UNKNOWN);
        assertThat(check("/garbage")).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void anIdentityProviderThatCannotBeReachedIsUnknownNotRevoked() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed + "/introspect");
        assertThat(introspector(nowhere).check("t").get(20, TimeUnit.SECONDS)).isEqualTo(Status.UNKNOWN);
    }

    private Status check(String endpoint) throws Exception {
        return introspector(base.resolve(endpoint)).check("t").get(10, TimeUnit.SECONDS);
    }

    private TokenIntrospector introspector(URI url) {
        return new TokenIntrospector(new BridgeConfig.Introspection() {
            @Override
            public Optional<URI> url() {
                return Optional.ofNullable(url);
            }

            @Override
            public String clientId() {
                return "coprogram-api";
            }

            @Override
            public String clientSecret() {
                return "s3cret";
            }
        }, base.resolve("/realm/.well-known/openid-configuration"));
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                + " " + sent);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
