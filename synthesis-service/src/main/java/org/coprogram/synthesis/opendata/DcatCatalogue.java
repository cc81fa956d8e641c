package org.coprogram.synthesis.opendata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.coprogram.contracts.Phase;
import org.coprogram.contracts.Regions;

/**
 * A region's open data as a DCAT-AP_IT catalogue in JSON-LD (docs/open-data.md): one dataset per plan (the synthesis,
 * in CSV and JSON) and one per published survey (its aggregated results, in CSV), each distribution with its stable
 * URL, its licence and the schema it conforms to. Pure: it describes what it is given, which must already be public.
 * Every resource the catalogue points to is typed as DCAT-AP's range constraints ask.
 */
public final class DcatCatalogue {

    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/";
    static final String FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";
    static final String FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
    static final String ITALIAN = "http://publications.europa.eu/resource/authority/language/ITA";

    /** The JSON-LD context: the prefixes of DCAT, DCAT-AP_IT and the vocabularies they use. */
    static final Map<String, Object> CONTEXT = ordered("dcat", DCAT, "dct", "http://purl.org/dc/terms/", "dcatapit",
            "http://dati.gov.it/onto/dcatapit#", "foaf", "http://xmlns.com/foaf/0.1/", "skos",
            "http://www.w3.org/2004/02/skos/core#", "xsd", "http://www.w3.org/2001/XMLSchema#");

    /** The public facts the catalogue describes. */
    public record Input(String region, OpenDataConfig.Publisher publisher, OpenDataConfig.License license,
            String baseUrl, LocalDate today, List<OpenDataRepository.PlanRow> plans,
            List<OpenDataRepository.SurveyRow> surveys, List<OpenDataRepository.DocumentRow> documents) {
    }

    /** A file's schema: its own node, so the catalogue documents it where a harvester reads it. */
    record Schema(String id, String title, String description) {
    }

    private DcatCatalogue() {
    }

    /** The catalogue's address: the stable URL a harvester (dati.gov.it) is given. */
    public static String url(String baseUrl, String region) {
        return baseUrl + "/api/open-data/catalog/" + region;
    }

    public static Map<String, Object> of(Input in) {
        String catalogue = url(in.baseUrl(), in.region());
        String holder = catalogue + "#titolare";
        String regionName = Regions.displayName(in.region());
        List<Map<String, Object>> graph = new ArrayList<>();
        List<Map<String, Object>> datasets = new ArrayList<>();
        Schema synthesisCsv = new Schema(catalogue + "#schema-sintesi-csv", "Sintesi della"
                + " consultazione, CSV",
                "Una riga per cifra. Colonne: sezione (totale, area, categoria, tipo,"
                        + " territorio, partecipazione_ambito, partecipazione_comune, ascolto_totale, ascolto_provincia,"
                        + " ascolto_ambito, ascolto_categoria), codice, etichetta, contributi, proposte,"
                        + " adesioni, risposte_questionario, contributi_incontri, voci_relazioni_sociali, partecipanti, abitanti,"
                        + " partecipanti_per_1000, sotto_soglia, risposte_ufficiali, collegati_interventi, ascoltati,"
                        + " quota_ascoltati, ascoltati_meno. Solo aggregati, nessun testo e nessuna persona.");
        Schema synthesisJson = new Schema(catalogue + "#schema-sintesi-json", "Sintesi della"
                + " consultazione, JSON",
                "Oggetto con synthesis (totali e ripartizioni per area, categoria, tipo,"
                        + " territorio, partecipazione) e clusters (gruppi di contributi simili, parole chiave): lo stesso"
                        + " schema della risposta di GET /api/plans/{id}/synthesis e /synthesis/clusters.");
        Schema resultsCsv = new Schema(catalogue + "#schema-risultati-questionario-csv",
                "Risultati di un questionario, CSV", "Una riga per cifra pubblicata. Colonne: survey_id, question_id,"
                        + " question_type, question_label, measure (respondents, answered, count, mean, median,"
                        + " borda), value, value_label, figure, percent, suppressed. Le cifre sotto 5 persone sono"
                        + " vuote con suppressed=true.");

        for (OpenDataRepository.PlanRow plan : in.plans()) {
            String report = in.baseUrl() + "/api/plans/" + plan.id() + "/synthesis/report";
            String dataset = catalogue + "#sintesi-" + plan.id();
            datasets.add(dataset(dataset, in, holder, "sintesi-" + plan.id(),
                    "Sintesi della consultazione – " + plan.title(),
                    "Contributi, adesioni e partecipazione della consultazione pubblica sul piano «" + plan.title()
                            + "» della Regione " + regionName + " (dal " + plan.periodStart() + " al "
                            + plan.periodEnd() + "), per area di intervento, categoria, tipo e territorio. Per una"
                            + " provincia o un ambito: gli stessi indirizzi con level=province|district e code.",
                    plan.modified(), frequency(plan.phase()), List.of(
                            distribution(dataset + "-csv", in, report + "?format=csv", "CSV",
                                    "Sintesi in CSV, intera regione", synthesisCsv),
                            distribution(dataset + "-json", in, report + "?format=json", "JSON",
                                    "Sintesi in JSON, intera regione", synthesisJson)),
                    graph));
        }
        Schema measuresCsv = new Schema(catalogue + "#schema-interventi-csv", "Interventi del piano, CSV",
                "Una riga per intervento. Colonne: " + String.join(", ", PlanDocumentOpenData.MEASURES_HEADER)
                        + ". measure_id e code sono stabili tra le versioni; total in euro con il punto e due"
                        + " decimali; i valori multipli separati da punto e virgola.");
        Schema measuresJson = new Schema(catalogue + "#schema-interventi-json", "Interventi del piano, JSON",
                "Oggetto con planId, region, planTitle, version, publishedAt, adopted, license, fundingSources,"
                        + " totals (per fonte e anno, per fonte, per anno, in tutto) e measures: measureId, code,"
                        + " title, description, theme, themeLabel, leps, priority, scope, office, indicators, total,"
                        + " resources (source, year, amount).");
        Schema resourcesCsv = new Schema(catalogue + "#schema-risorse-csv", "Risorse del piano, CSV",
                "Una riga per intervento, fonte di finanziamento e anno. Colonne: "
                        + String.join(", ", PlanDocumentOpenData.RESOURCES_HEADER)
                        + ". amount in euro, esatto, con il punto e due decimali.");
        for (OpenDataRepository.DocumentRow document : in.documents()) {
            String files = in.baseUrl() + "/api/plans/" + document.planId() + "/document/open-data/";
            String dataset = catalogue + "#interventi-" + document.planId();
            datasets.add(dataset(dataset, in, holder, "interventi-" + document.planId(),
                    "Interventi e risorse del piano – " + document.title(),
                    "Gli interventi del piano «" + document.title() + "» della Regione " + regionName
                            + " e le loro risorse per fonte di finanziamento e anno, dalla versione "
                            + (document.adopted() ? "adottata" : "più recente pubblicata") + " del documento"
                            + " (versione " + document.version() + ").",
                    document.modified(), FREQUENCY + "IRREG", List.of(
                            distribution(dataset + "-csv", in, files + "measures.csv", "CSV",
                                    "Interventi in CSV", measuresCsv),
                            distribution(dataset + "-json", in, files + "measures.json", "JSON",
                                    "Interventi in JSON", measuresJson),
                            distribution(dataset + "-risorse-csv", in, files + "resources.csv", "CSV",
                                    "Risorse per fonte e anno in CSV", resourcesCsv)),
                    graph));
        }
        for (OpenDataRepository.SurveyRow survey : in.surveys()) {
            String dataset = catalogue + "#questionario-" + survey.id();
            datasets.add(dataset(dataset, in, holder, "questionario-" + survey.id(),
                    "Risultati del questionario – " + survey.title(),
                    "Risultati aggregati del questionario «" + survey.title() + "» della Regione " + regionName
                            + ": rispondenti e risposte per domanda, con le cifre sotto 5 persone oscurate. Per"
                            + " provincia, ambito o categoria: lo stesso indirizzo con province, district o category.",
                    survey.modified(), FREQUENCY + "IRREG", List.of(distribution(dataset + "-csv", in,
                            in.baseUrl() + "/api/surveys/" + survey.id() + "/results.csv", "CSV",
                            "Risultati in CSV, intera regione", resultsCsv)),
                    graph));
        }

        LocalDate modified = Stream.of(in.plans().stream().map(OpenDataRepository.PlanRow::modified),
                in.surveys().stream().map(OpenDataRepository.SurveyRow::modified),
                in.documents().stream().map(OpenDataRepository.DocumentRow::modified)).flatMap(s -> s)
                .max(LocalDate::compareTo).orElse(in.today());
        Map<String, Object> catalog = node(catalogue, "dcatapit:Catalog", "dcat:Catalog");
        catalog.put("dct:title", it("Dati aperti della partecipazione – Regione " + regionName));
        catalog.put("dct:description", it("Le sintesi delle consultazioni sui piani sociali regionali e i risultati"
                + " dei questionari pubblicati della Regione " + regionName + ": solo dati aggregati e pubblicati."));
        catalog.put("dct:publisher", ref(holder));
        catalog.put("dct:modified", date(modified));
        catalog.put("dct:language", ref(ITALIAN));
        catalog.put("foaf:homepage", ref(in.baseUrl() + "/"));
        catalog.put("dcat:themeTaxonomy", ref("http://publications.europa.eu/resource/authority/data-theme"));
        catalog.put("dcat:dataset", datasets.stream().map(d -> ref((String) d.get("@id"))).toList());
        graph.add(0, catalog);
        graph.addAll(datasets);

        Map<String, Object> agent = node(holder, "dcatapit:Agent", "foaf:Agent");
        agent.put("foaf:name", it(in.publisher().name()));
        agent.put("dct:identifier", in.publisher().ipaCode());
        graph.add(agent);
        Map<String, Object> license = node(in.license().uri(), "dcatapit:LicenseDocument", "dct:LicenseDocument");
        license.put("foaf:name", it(in.license().name()));
        license.put("dct:type", ref(in.license().type()));
        graph.add(license);
        graph.add(concept(in.license().type(), "Tipo di licenza"));
        graph.add(node(ITALIAN, "dct:LinguisticSystem"));
        graph.add(node(in.baseUrl() + "/", "foaf:Document"));
        Map<String, Object> themes = node("http://publications.europa.eu/resource/authority/data-theme",
                "skos:ConceptScheme");
        themes.put("dct:title", it("Temi dei dati"));
        graph.add(themes);
        graph.add(concept(DATA_THEME + "SOCI", "Popolazione e società"));
        graph.add(concept(DATA_THEME + "GOVE", "Governo e settore pubblico"));
        for (String frequency : List.of("CONT", "IRREG")) {
            graph.add(node(FREQUENCY + frequency, "dct:Frequency"));
        }
        for (String format : List.of("CSV", "JSON")) {
            graph.add(node(FILE_TYPE + format, "dct:MediaTypeOrExtent"));
        }
        for (Schema schema : List.of(synthesisCsv, synthesisJson, resultsCsv, measuresCsv, measuresJson,
                resourcesCsv)) {
            Map<String, Object> standard = node(schema.id(), "dct:Standard");
            standard.put("dct:title", it(schema.title()));
            standard.put("dct:description", it(schema.description()));
            graph.add(standard);
        }
        return ordered("@context", CONTEXT, "@graph", graph);
    }

    /** While the consultation is open its synthesis changes with every contribution; afterwards only now and then. */
    static String frequency(Phase phase) {
        return FREQUENCY + (phase == Phase.CONSULTATION ? "CONT" : "IRREG");
    }

    private static Map<String, Object> dataset(String id, Input in, String holder, String localId, String title,
            String description, LocalDate modified, String frequency, List<Map<String, Object>> distributions,
            List<Map<String, Object>> graph) {
        Map<String, Object> dataset = node(id, "dcatapit:Dataset", "dcat:Dataset");
        dataset.put("dct:identifier", in.publisher().ipaCode() + ":" + localId);
        dataset.put("dct:title", it(title));
        dataset.put("dct:description", it(description));
        dataset.put("dct:modified", date(modified));
        dataset.put("dcat:theme", List.of(ref(DATA_THEME + "SOCI"), ref(DATA_THEME + "GOVE")));
        dataset.put("dct:rightsHolder", ref(holder));
        dataset.put("dct:publisher", ref(holder));
        dataset.put("dct:accrualPeriodicity", ref(frequency));
        dataset.put("dct:language", ref(ITALIAN));
        dataset.put("dcat:keyword", List.of(it("partecipazione"), it("piano sociale"), it("consultazione")));
        dataset.put("dcat:distribution", distributions.stream().map(d -> ref((String) d.get("@id"))).toList());
        graph.addAll(distributions);
        return dataset;
    }

    private static Map<String, Object> distribution(String id, Input in, String url, String format,
            String title, Schema schema) {
        Map<String, Object> distribution = node(id, "dcatapit:Distribution", "dcat:Distribution");
        distribution.put("dct:title", it(title));
        distribution.put("dct:description", it(schema.description()));
        distribution.put("dcat:accessURL", ref(url));
        distribution.put("dcat:downloadURL", ref(url));
        distribution.put("dct:format", ref(FILE_TYPE + format));
        distribution.put("dct:license", ref(in.license().uri()));
        distribution.put("dct:conformsTo", ref(schema.id()));
        return distribution;
    }

    private static Map<String, Object> node(String id, String... types) {
        return ordered("@id", id, "@type", types.length == 1 ? types[0] : List.of(types));
    }

    private static Map<String, Object> concept(String id, String label) {
        Map<String, Object> concept = node(id, "skos:Concept");
        concept.put("skos:prefLabel", it(label));
        return concept;
    }

    private static Map<String, Object> ref(String id) {
        return Map.of("@id", id);
    }

    private static Map<String, Object> it(String text) {
        return ordered("@value", text, "@language", "it");
    }

    private static Map<String, Object> date(LocalDate day) {
        return ordered("@value", day.toString(), "@type", "xsd:date");
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
