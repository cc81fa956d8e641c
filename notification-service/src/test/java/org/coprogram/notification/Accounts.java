package org.coprogram.notification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.coprogram.testing.Tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The demo users of the tests' realm: their tokens, account ids and addresses. */
public final class Accounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Accounts() {
    }

    public static String token(String username) {
        return Tokens.of(username);
    }

    /** The account id ({@code sub}) of a demo user. */
    public static String id(String username) {
        String payload = Tokens.of(username).split("\\.")[1];
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                    .path("sub").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String email(String username) {
        return username + "@demo.coprogram.invalid";
    }
}
