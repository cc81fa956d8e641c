package org.coprogram.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Endless plausible Italian proposals over the Puglia municipalities of the ISTAT file, for loading: with the property
 * {@code textsFile} (one text a line, written by scripts/bench/search_words.py from the real corpora), each proposal is
 * a real contribution's text under its first sentence, so searches find what they would find in a consultation;
 * without it, sentences made of a few fixed phrases.
 */
final class ItalianProposals implements Iterator<Map<String, Object>> {

    static final List<String> PEOPLE = List.of("anziani soli", "famiglie numerose", "minori stranieri",
            "persone con disabilità", "giovani senza lavoro", "donne vittime di violenza", "persone senza dimora",
            "caregiver familiari", "migranti", "studenti universitari");
    static final List<String> SERVICES = List.of("assistenza domiciliare", "centro diurno", "sportello sociale",
            "trasporto sociale", "educativa di strada", "housing sociale", "mensa solidale",
            "voucher di conciliazione", "pronto intervento sociale", "teleassistenza");
    static final List<String> PLACES = List.of("nei quartieri periferici", "nelle frazioni", "nel centro storico",
            "in ogni ambito territoriale", "nei comuni dell'entroterra", "vicino alle scuole");
    static final List<String> KINDS = List.of("PROPOSAL", "IDEA", "REPORT");
    /** What visitors filter and search by. */
    static final List<String> PROVINCES = List.of("BA", "BT", "BR", "FG", "LE", "TA");
    static final List<String> WORDS = List.of("anziani", "l'anziano", "famiglia", "disabilità", "sportello",
            "assistenza domiciliare", "centro diurno", "trasporto", "giovani", "periferia", "città", "mensa");

    static final List<String> TEXTS = System.getProperty("textsFile", "").isBlank() ? List.of()
            : SurveyResponseSimulation.lines(System.getProperty("textsFile"));

    private final List<String> themes;
    private final List<String> municipalities;

    ItalianProposals(List<String> themes, Path istatFile) {
        this.themes = themes;
        try (Stream<String> lines = Files.lines(istatFile)) {
            this.municipalities = lines.skip(1).map(line -> line.split(",")).filter(f -> f[2].equals("Puglia"))
                    .map(f -> f[0]).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String people = pick(PEOPLE, random);
        String service = pick(SERVICES, random);
        String place = pick(PLACES, random);
        String title = capitalised(service) + " per " + people + " " + place;
        String body = "Proponiamo di potenziare il servizio di " + service + " rivolto a " + people + " " + place
                + ", con personale formato, orari estesi e un punto di accesso unico. Numero " + random.nextInt(1_000_000)
                + ".";
        if (!TEXTS.isEmpty()) {
            body = pick(TEXTS, random);
            body = body.length() > 10_000 ? body.substring(0, 10_000) : body;
            int end = body.indexOf(". ");
            String first = end >= 10 && end < 140 ? body.substring(0, end) : body.substring(0, Math.min(100, body.length()));
            title = (first.length() < 10 ? title : first) + " " + random.nextInt(1_000_000);
            body = body.length() < 30 ? body + " — contributo alla consultazione." : body;
        }
        Map<String, Object> proposal = new HashMap<>();
        proposal.put("json", """
                {"kind":"%s","title":"%s","body":"%s","theme":"%s","municipality":"%s"}"""
                .formatted(pick(KINDS, random), json(title.length() > 150 ? title.substring(0, 150) : title), json(body),
                        pick(themes, random), pick(municipalities, random)));
        return proposal;
    }

    static String pick(List<String> values, ThreadLocalRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    /** The text as the inside of a JSON string. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
