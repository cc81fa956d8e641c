package org.coprogram.synthesis.plandocument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.synthesis.plandocument.PlanDocument.DocumentSection;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureResource;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureScope;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;

/**
 * What a plan's document may hold, checked against its plan: every violation at once, each with the field it is about
 * and an Italian reason; a valid document comes back normalised (sections in their order, text stripped, amounts to
 * the cent), so the same content is always stored the same way.
 */
public final class DocumentRules {

    static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,19}");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    static final int MAX_SECTION = 50_000;
    static final int MAX_DESCRIPTION = 10_000;

    /** What the plan allows: its themes, LEPS, years, provinces, the districts of its territory version, indicators. */
    public record PlanContext(Set<String> themes, Set<String> leps, int firstYear, int lastYear, Set<String> provinces,
            Set<String> districts, Set<UUID> indicators, Set<String> sources, int maxMeasures) {
    }

    public enum Priority {
        HIGH, MEDIUM, LOW
    }

    public enum Level {
        REGION, PROVINCES, DISTRICTS
    }

    private final PlanContext plan;
    private final List<Violation> violations = new ArrayList<>();

    private DocumentRules(PlanContext plan) {
        this.plan = plan;
    }

    /** The document normalised; a 422 problem listing every violation otherwise. */
    public static PlanDocument check(PlanDocument document, PlanContext plan) {
        if (document == null) {
            throw ProblemException.invalidField("document", "il documento è obbligatorio");
        }
        DocumentRules rules = new DocumentRules(plan);
        List<DocumentSection> sections = rules.sections(document.sections() == null ? List.of() : document.sections());
        List<PlanMeasure> measures = rules.measures(document.measures() == null ? List.of() : document.measures());
        if (!rules.violations.isEmpty()) {
            throw new ProblemException(422, "Dati non validi", "Il documento del piano non è valido", rules.violations);
        }
        return new PlanDocument(sections, measures);
    }

    private List<DocumentSection> sections(List<DocumentSection> sections) {
        Set<SectionKey> seen = new HashSet<>();
        List<DocumentSection> kept = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            String field = "sections[" + i + "]";
            DocumentSection section = sections.get(i);
            if (section == null) {
                fail(field, "sezione vuota");
                continue;
            }
            var key = SectionKey.parse(section.key());
            if (key.isEmpty()) {
                fail(field + ".key", "sezione sconosciuta: le sezioni sono " + List.of(SectionKey.values()));
            } else if (!seen.add(key.get())) {
                fail(field + ".key", "sezione ripetuta");
            }
            String text = text(field + ".text", section.text(), 1, MAX_SECTION);
            if (key.isPresent() && text != null) {
                kept.add(new DocumentSection(key.get().name(), text));
            }
        }
        kept.sort(Comparator.comparing(s -> SectionKey.valueOf(s.key())));
        return kept;
    }

    private List<PlanMeasure> measures(List<PlanMeasure> measures) {
        if (measures.size() > plan.maxMeasures()) {
            fail("measures", "al massimo " + plan.maxMeasures() + " interventi");
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        List<PlanMeasure> kept = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            String field = "measures[" + i + "]";
            PlanMeasure measure = measures.get(i);
            if (measure == null) {
                fail(field, "intervento vuoto");
                continue;
            }
            if (measure.code() == null || !CODE.matcher(measure.code()).matches()) {
                fail(field + ".code", "codice obbligatorio: maiuscole, cifre, punto o trattino, al massimo 20");
            } else if (!codes.add(measure.code())) {
                fail(field + ".code", "codice già usato da un altro intervento");
            }
            String title = text(field + ".title", measure.title(), 3, 200);
            String description = measure.description() == null || measure.description().isBlank()
                    ? null
                    : text(field + ".description", measure.description(), 1, MAX_DESCRIPTION);
            if (measure.theme() == null || !plan.themes().contains(measure.theme())) {
                fail(field + ".theme", "area obbligatoria, tra quelle del piano: " + sorted(plan.themes()));
            }
            List<String> leps = measure.leps() == null ? List.of() : measure.leps();
            for (int j = 0; j < leps.size(); j++) {
                if (!plan.leps().contains(leps.get(j))) {
                    fail(field + ".leps[" + j + "]", "LEPS non previsto dal piano: " + sorted(plan.leps()));
                }
            }
            if (leps.stream().distinct().count() != leps.size()) {
                fail(field + ".leps", "LEPS ripetuti");
            }
            if (measure.priority() == null || !names(Priority.values()).contains(measure.priority())) {
                fail(field + ".priority", "priorità obbligatoria: HIGH, MEDIUM o LOW");
            }
            MeasureScope scope = scope(field + ".scope", measure.scope());
            List<MeasureResource> resources = resources(field, measure.resources());
            String office = measure.office() == null || measure.office().isBlank()
                    ? null
                    : text(field + ".office", measure.office(), 1, 200);
            List<UUID> indicators = measure.indicators() == null ? List.of() : measure.indicators();
            for (int j = 0; j < indicators.size(); j++) {
                if (indicators.get(j) == null || !plan.indicators().contains(indicators.get(j))) {
                    fail(field + ".indicators[" + j + "]", "indicatore non trovato tra quelli del piano");
                }
            }
            if (indicators.stream().distinct().count() != indicators.size()) {
                fail(field + ".indicators", "indicatori ripetuti");
            }
            kept.add(new PlanMeasure(measure.code(), title, description, measure.theme(), List.copyOf(leps),
                    measure.priority(), scope, resources, office, List.copyOf(indicators)));
        }
        return kept;
    }

    private MeasureScope scope(String field, MeasureScope scope) {
        if (scope == null || scope.level() == null || !names(Level.values()).contains(scope.level())) {
            fail(field + ".level", "ambito territoriale obbligatorio: REGION, PROVINCES o DISTRICTS");
            return scope;
        }
        List<String> codes = scope.codes() == null ? List.of() : scope.codes();
        Level level = Level.valueOf(scope.level());
        if (level == Level.REGION) {
            if (!codes.isEmpty()) {
                fail(field + ".codes", "un intervento su tutta la regione non elenca province o ambiti");
            }
            return new MeasureScope(level.name(), List.of());
        }
        Set<String> known = level == Level.PROVINCES ? plan.provinces() : plan.districts();
        if (codes.isEmpty()) {
            fail(field + ".codes", level == Level.PROVINCES ? "almeno una provincia" : "almeno un ambito");
        }
        for (int j = 0; j < codes.size(); j++) {
            if (!known.contains(codes.get(j))) {
                fail(field + ".codes[" + j + "]", level == Level.PROVINCES
                        ? "provincia non presente nella regione del piano"
                        : "ambito non presente nella versione dei territori del piano");
            }
        }
        if (codes.stream().distinct().count() != codes.size()) {
            fail(field + ".codes", "codici ripetuti");
        }
        return new MeasureScope(level.name(), codes.stream().sorted().toList());
    }

    private List<MeasureResource> resources(String measureField, List<MeasureResource> resources) {
        if (resources == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<MeasureResource> kept = new ArrayList<>();
        for (int j = 0; j < resources.size(); j++) {
            String field = measureField + ".resources[" + j + "]";
            MeasureResource resource = resources.get(j);
            if (resource == null) {
                fail(field, "risorsa vuota");
                continue;
            }
            if (resource.source() == null || !plan.sources().contains(resource.source())) {
                fail(field + ".source", "fonte di finanziamento sconosciuta: " + plan.sources());
            }
            if (resource.year() == null || resource.year() < plan.firstYear() || resource.year() > plan.lastYear()) {
                fail(field + ".year", "anno compreso nel periodo del piano, " + plan.firstYear() + "-"
                        + plan.lastYear());
            }
            BigDecimal amount = resource.amount();
            if (amount == null || amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) >= 0) {
                fail(field + ".amount", "importo in euro obbligatorio, da 0 a meno di mille miliardi");
            } else if (amount.stripTrailingZeros().scale() > 2) {
                fail(field + ".amount", "importo al centesimo: al massimo due decimali");
            } else {
                amount = amount.setScale(2, RoundingMode.UNNECESSARY);
            }
            if (!seen.add(resource.source() + "/" + resource.year())) {
                fail(field, "la stessa fonte e lo stesso anno compaiono due volte");
            }
            kept.add(new MeasureResource(resource.source(), resource.year(), amount));
        }
        kept.sort(Comparator.comparing(MeasureResource::source, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MeasureResource::year, Comparator.nullsLast(Comparator.naturalOrder())));
        return kept;
    }

    private String text(String field, String value, int min, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() < min || stripped.length() > max) {
            fail(field, "testo obbligatorio, da " + min + " a " + max + " caratteri");
            return null;
        }
        return stripped;
    }

    private void fail(String field, String message) {
        violations.add(new Violation(field, message));
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new HashSet<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }
}
