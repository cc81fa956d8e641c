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

/** Endless plausible Italian proposals over the Puglia municipalities of the ISTAT file, for loading. */
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
        Map<String, Object> proposal = new HashMap<>();
        proposal.put("json", """
                {"kind":"%s","title":"%s","body":"%s","theme":"%s","municipality":"%s"}"""
                .formatted(pick(KINDS, random), title.length() > 150 ? title.substring(0, 150) : title, body,
                        pick(themes, random), pick(municipalities, random)));
        return proposal;
    }

    static String pick(List<String> values, ThreadLocalRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
