package org.coprogram.synthesis.traceability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.synthesis.traceability.LinkRepository.LinkCursor;
import org.coprogram.synthesis.traceability.LinkRepository.LinkRow;

/**
 * The {@code after} cursor of a measure's linked contributions (GET /api/measures/{id}): where the next page starts,
 * as the last link's creation time and id, opaque to the caller (base64url of {@code <instant>_<id>}).
 */
final class LinkCursors {

    private LinkCursors() {
    }

    static String of(LinkRow last) {
        String plain = last.createdAt().toInstant() + "_" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@link #of} wrote; 422 for anything else. */
    static LinkCursor parse(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int split = plain.indexOf('_');
            return new LinkCursor(OffsetDateTime.ofInstant(Instant.parse(plain.substring(0, split)), ZoneOffset.UTC),
                    UUID.fromString(plain.substring(split + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("after", "cursore non valido: usare il valore di linked.next");
        }
    }
}
