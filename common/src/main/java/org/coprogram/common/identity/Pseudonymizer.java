package org.coprogram.common.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.CoprogramConfig;

/**
 * A person's pseudonymous id in events: HMAC-SHA256 of the account id under this service's key. Stable per service,
 * not reversible without the key, and different across services so events cannot be joined on it.
 */
@ApplicationScoped
public class Pseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public Pseudonymizer(CoprogramConfig config) {
        this.key = new SecretKeySpec(config.pseudonym().key().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String of(String accountId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(accountId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
