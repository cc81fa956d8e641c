package org.coprogram.common.idempotency;

import java.util.List;
import java.util.regex.Pattern;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;

/** The {@code Idempotency-Key} request header: its name, its OpenAPI description and its syntax. */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a response that repeats the first one instead of creating again. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** The same description on every create, for {@code @Parameter(description = IdempotencyKey.DESCRIPTION)}. */
    public static final String DESCRIPTION = "Chiave scelta dal client (1-200 caratteri ASCII stampabili, senza spazi) "
            + "per ripetere la richiesta senza rischio dopo un timeout o un 503: la stessa chiave, dallo stesso utente, "
            + "con lo stesso corpo restituisce l'esito della prima richiesta (stesso stato, Location e corpo, con "
            + "l'intestazione Idempotent-Replayed: true) invece di creare di nuovo; con un corpo diverso risponde 422. "
            + "Le chiavi sono conservate 7 giorni.";

    private static final Pattern SYNTAX = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private IdempotencyKey() {
    }

    /** The key, or a 400 problem if it is not 1 to 200 printable ASCII characters without spaces. */
    static String require(String key) {
        if (!SYNTAX.matcher(key).matches()) {
            throw ProblemException.badRequest("Idempotency-Key non valida",
                    List.of(new Violation(HEADER, "da 1 a 200 caratteri ASCII stampabili, senza spazi")));
        }
        return key;
    }
}
