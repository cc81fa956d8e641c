package org.coprogram.synthesis.analysis;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;

/**
 * The fixed test corpus: 205 Italian contributions written for these tests, 20 for each of ten topics (home care for
 * the elderly, educational poverty, disability, gender violence, economic poverty, housing, immigration, addictions,
 * access to services, early childhood) plus a five-message copy-and-paste campaign on home care.
 */
public record Corpus(List<Entry> entries) {

    /** One contribution and the topic it was written for. */
    public record Entry(String topic, UUID id, String theme, String kind, Municipality municipality, String title,
            String text) {

        public TextContribution contribution() {
            return new TextContribution(id, kind, title, text, theme, municipality.provinceCode(),
                    municipality.districtCode(), municipality.istatCode(), 0);
        }
    }

    public static Corpus load() {
        TerritoryCatalog territory = TerritoryCatalog.fromClasspath();
        try (Reader reader = new InputStreamReader(Corpus.class.getResourceAsStream("/corpus/contributi.csv"),
                StandardCharsets.UTF_8)) {
            List<Entry> entries = new ArrayList<>();
            int line = 0;
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                line++;
                entries.add(new Entry(row.get("topic"),
                        UUID.nameUUIDFromBytes(("corpus-" + line).getBytes(StandardCharsets.UTF_8)),
                        row.get("theme"), row.get("kind"),
                        territory.municipality(row.get("municipality")).orElseThrow(),
                        row.get("title"), row.get("text")));
            }
            return new Corpus(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<TextContribution> contributions() {
        return entries.stream().map(Entry::contribution).toList();
    }

    public List<Entry> ofTopic(String topic) {
        return entries.stream().filter(e -> e.topic().equals(topic)).toList();
    }

    public List<String> topics() {
        return entries.stream().map(Entry::topic).distinct().toList();
    }
}
