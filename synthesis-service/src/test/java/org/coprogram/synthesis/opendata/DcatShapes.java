package org.coprogram.synthesis.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

/**
 * The SHACL shapes a catalogue must pass (test resources opendata/shacl, their sources in its README): SEMIC's DCAT-AP
 * 2.1.1 shapes and range constraints, which DCAT-AP_IT 2.0 extends, and DCAT-AP_IT's mandatory elements.
 */
public final class DcatShapes {

    private static final List<String> FILES = List.of("dcat-ap_2.1.1_shacl_shapes.ttl",
            "dcat-ap_2.1.1_shacl_range.ttl", "dcat-ap_it-shapes.ttl");
    private static final Shapes SHAPES = load();

    private DcatShapes() {
    }

    private static Shapes load() {
        Model shapes = ModelFactory.createDefaultModel();
        for (String file : FILES) {
            try (InputStream in = DcatShapes.class.getClassLoader().getResourceAsStream("opendata/shacl/" + file)) {
                RDFParser.source(in).lang(Lang.TURTLE).parse(shapes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Shapes.parse(shapes.getGraph());
    }

    /** The catalogue (JSON-LD text) parsed as RDF. */
    public static Graph parse(String jsonLd) {
        Model data = ModelFactory.createDefaultModel();
        RDFParser.fromString(jsonLd, Lang.JSONLD).parse(data);
        return data.getGraph();
    }

    /** The violations the shapes find, one line each; empty when the catalogue conforms. */
    public static List<String> violations(String jsonLd) {
        ValidationReport report = ShaclValidator.get().validate(SHAPES, parse(jsonLd));
        return report.getEntries().stream()
                .map(e -> e.severity().level().getLocalName() + " " + e.focusNode() + " " + e.resultPath() + ": "
                        + e.message())
                .toList();
    }
}
