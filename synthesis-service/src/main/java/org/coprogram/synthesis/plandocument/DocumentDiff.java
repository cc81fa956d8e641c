package org.coprogram.synthesis.plandocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * What changed between two versions of a plan's document, per section (by key) and per measure (by code): added,
 * removed, or changed with each changed field's value before and after. Unchanged sections and measures are not
 * listed.
 */
public record DocumentDiff(int from, int to, List<SectionChange> sections, List<MeasureChange> measures) {

    public enum DiffChange {
        ADDED, REMOVED, CHANGED
    }

    public record SectionChange(String key, DiffChange change, String before, String after) {
    }

    public record MeasureChange(String code, DiffChange change, List<FieldChange> fields) {
    }

    /** A field of a measure as JSON, before and after (null where the measure was added or removed). */
    public record FieldChange(String field, JsonNode before, JsonNode after) {
    }

    public static DocumentDiff between(int from, PlanDocument before, int to, PlanDocument after,
            ObjectMapper mapper) {
        // Amounts stay as written (65000.00, not 6.5E+4): the default node factory strips a BigDecimal's zeros.
        ObjectMapper json = mapper.copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        List<SectionChange> sections = new ArrayList<>();
        Map<String, String> old = new LinkedHashMap<>();
        before.sections().forEach(s -> old.put(s.key(), s.text()));
        Map<String, String> now = new LinkedHashMap<>();
        after.sections().forEach(s -> now.put(s.key(), s.text()));
        for (SectionKey key : SectionKey.values()) {
            String a = old.get(key.name());
            String b = now.get(key.name());
            if (a == null && b != null) {
                sections.add(new SectionChange(key.name(), DiffChange.ADDED, null, b));
            } else if (a != null && b == null) {
                sections.add(new SectionChange(key.name(), DiffChange.REMOVED, a, null));
            } else if (a != null && !a.equals(b)) {
                sections.add(new SectionChange(key.name(), DiffChange.CHANGED, a, b));
            }
        }
        Map<String, PlanMeasure> oldMeasures = new LinkedHashMap<>();
        before.measures().forEach(m -> oldMeasures.put(m.code(), m));
        Map<String, PlanMeasure> newMeasures = new LinkedHashMap<>();
        after.measures().forEach(m -> newMeasures.put(m.code(), m));
        List<MeasureChange> measures = new ArrayList<>();
        newMeasures.forEach((code, measure) -> {
            PlanMeasure previous = oldMeasures.get(code);
            if (previous == null) {
                measures.add(new MeasureChange(code, DiffChange.ADDED, fields(null, measure, json)));
            } else {
                List<FieldChange> changed = fields(previous, measure, json);
                if (!changed.isEmpty()) {
                    measures.add(new MeasureChange(code, DiffChange.CHANGED, changed));
                }
            }
        });
        oldMeasures.forEach((code, measure) -> {
            if (!newMeasures.containsKey(code)) {
                measures.add(new MeasureChange(code, DiffChange.REMOVED, fields(measure, null, json)));
            }
        });
        return new DocumentDiff(from, to, sections, measures);
    }

    /** The fields of a measure whose JSON differs; every non-null field where one side is missing. */
    private static List<FieldChange> fields(PlanMeasure before, PlanMeasure after, ObjectMapper json) {
        JsonNode a = before == null ? null : json.valueToTree(before);
        JsonNode b = after == null ? null : json.valueToTree(after);
        List<FieldChange> changes = new ArrayList<>();
        JsonNode shape = b != null ? b : a;
        shape.fieldNames().forEachRemaining(field -> {
            if ("code".equals(field)) {
                return;
            }
            JsonNode x = a == null ? null : a.get(field);
            JsonNode y = b == null ? null : b.get(field);
            if (!Objects.equals(nullIfEmpty(x), nullIfEmpty(y))) {
                changes.add(new FieldChange(field, nullIfEmpty(x), nullIfEmpty(y)));
            }
        });
        return changes;
    }

    private static JsonNode nullIfEmpty(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
