package org.coprogram.meeting.meeting;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/plans/{planId}/meetings} and of an edit. Times carry their offset. Texts that reach
 * {@code calendar.ics} are {@link PlainText}: one line for title, address and link; line breaks only in long texts.
 */
public record MeetingRequest(
        @NotNull(message = "il tipo è obbligatorio (TERRITORIAL, PLENARY, THEMATIC)") MeetingType type,
        @NotBlank(message = "il titolo è obbligatorio") @Size(min = 5, max = 200, message = "tra 5 e 200 caratteri") @PlainText(message = "il titolo va su una riga, senza caratteri di controllo (a capo, tabulazioni e simili)") String title,
        @NotBlank(message = "la descrizione è obbligatoria") @Size(max = 10000, message = "al massimo 10.000 caratteri") @PlainText(lineBreaks = true, message = "la descrizione non può contenere caratteri di controllo, salvo a capo e tabulazioni") String description,
        @NotEmpty(message = "indicare almeno un'area di intervento") @Size(max = 20, message = "al massimo 20 aree") List<@NotBlank String> themes,
        @Size(max = 40, message = "codice di ambito non valido") String district,
        @NotBlank(message = "il comune è obbligatorio") @Pattern(regexp = "\\d{6}", message = "il comune va indicato con il codice ISTAT di 6 cifre") String municipality,
        @Size(max = 300, message = "al massimo 300 caratteri") @PlainText(message = "l'indirizzo va su una riga, senza caratteri di controllo (a capo, tabulazioni e simili)") String address,
        @Size(max = 2000, message = "al massimo 2.000 caratteri") @Pattern(regexp = "https://\\S+", message = "deve essere un indirizzo https") @PlainText(message = "l'indirizzo non può contenere caratteri di controllo") String onlineUrl,
        @Size(max = 2000, message = "al massimo 2.000 caratteri") @PlainText(lineBreaks = true, message = "le note non possono contenere caratteri di controllo, salvo a capo e tabulazioni") String accessibilityNotes,
        @NotNull(message = "l'inizio è obbligatorio") OffsetDateTime startsAt,
        @NotNull(message = "la fine è obbligatoria") OffsetDateTime endsAt,
        @NotNull(message = "la capienza è obbligatoria") @Min(value = 1, message = "almeno un posto") @Max(value = 100000, message = "al massimo 100.000 posti") Integer capacity,
        OffsetDateTime registrationClosesAt) {
}
