package org.coprogram.proposal.decidim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The region's mapping file (docs/decidim.md): Decidim category, scope and taxonomy ids to the plan's theme codes and
 * ISTAT municipality codes, the defaults for rows that name none, and the preferred locale.
 */
public record DecidimMapping(String locale, Map<String, String> categories, Map<String, String> scopes,
        Map<String, String> taxonomies, String defaultTheme, String defaultMunicipality) {

    public static final String FILE = "mapping";
    static final int MAX_CHARS = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static final DecidimMapping NONE = new DecidimMapping(null, Map.of(), Map.of(), Map.of(), null, null);

    public DecidimMapping {
        categories = categories == null ? Map.of() : Map.copyOf(categories);
        scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
        taxonomies = taxonomies == null ? Map.of() : Map.copyOf(taxonomies);
    }

    /** The mapping, or the problems of its JSON (line and column of the text, like any other file). */
    public static DecidimMapping parse(String json, List<DecidimOpenData.ImportProblem> problems) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        if (json.length() > MAX_CHARS) {
            problems.add(
                    new DecidimOpenData.ImportProblem(FILE, null, null, "mappatura troppo grande: al massimo 1 MiB"));
            return NONE;
        }
        try {
            DecidimMapping mapping = JSON.readValue(json, DecidimMapping.class);
            return mapping == null ? NONE : mapping;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            List<DecidimOpenData.ImportProblem> found = new ArrayList<>();
            found.add(new DecidimOpenData.ImportProblem(FILE, at == null ? null : at.getLineNr(),
                    at == null ? null : String.valueOf(at.getColumnNr()),
                    "mappatura non valida: JSON atteso {\"locale\", \"categories\", \"scopes\", \"taxonomies\","
                            + " \"defaultTheme\", \"defaultMunicipality\"} (" + e.getOriginalMessage() + ")"));
            problems.addAll(found);
            return NONE;
        }
    }
}
