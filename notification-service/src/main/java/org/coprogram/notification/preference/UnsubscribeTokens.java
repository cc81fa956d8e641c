package org.coprogram.notification.preference;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.notification.NotificationConfig;

/**
 * The one-click unsubscribe tokens (RFC 8058) of the e-mails' {@code List-Unsubscribe} link: the account and the
 * scope, signed with HMAC-SHA256 under {@code notification.unsubscribe-key}. Whoever holds a mail may unsubscribe its
 * recipient without signing in, and nobody can make a token for another account without the key.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    /** The only scope so far: every e-mail of the platform. */
    public static final String ALL_EMAIL = "email";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public UnsubscribeTokens(NotificationConfig config) {
        this.key = new SecretKeySpec(config.unsubscribeKey().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** A token for {@code accountId}'s e-mails. */
    public String issue(String accountId) {
        String payload = ENCODER.encodeToString((accountId + "\n" + ALL_EMAIL).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The account a genuine token names; empty for anything else (forged, altered, truncated, malformed). */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            return parts.length == 2 && ALL_EMAIL.equals(parts[1]) && !parts[0].isBlank()
                    ? Optional.of(parts[0])
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
