package org.coprogram.synthesis.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.coprogram.contracts.Phase;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class DcatCatalogueTest {

    static final OpenDataConfig.Publisher PUGLIA = new OpenDataConfig.Publisher() {
        public String name() {
            return "Regione Puglia";
        }

        public String ipaCode() {
            return "r_puglia";
        }
    };

    static OpenDataConfig.License license(String uri) {
        return new OpenDataConfig.License() {
            public String uri() {
                return uri;
            }

            public String name() {
                return "Licenza di prova";
            }

            public String type() {
                return "http://purl.org/adms/licencetype/Attribution";
            }
        };
    }

    static final UUID PLAN = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID SURVEY = UUID.fromString("22222222-2222-2222-2222-222222222222");

    static DcatCatalogue.Input input(String licenceUri) {
        return new DcatCatalogue.Input("puglia", PUGLIA, license(licenceUri), "https://partecipa.example.it",
                LocalDate.of(2026, 5, 2),
                List.of(new OpenDataRepository.PlanRow(PLAN, "VI Piano regionale delle politiche sociali",
                        Phase.CONSULTATION, LocalDate.of(2026, 1, 1), LocalDate.of(2028, 12, 31),
                        LocalDate.of(2026, 4, 30))),
                List.of(new OpenDataRepository.SurveyRow(SURVEY, PLAN, "Questionario sui servizi per anziani",
                        LocalDate.of(2026, 4, 28))),
                List.of(new OpenDataRepository.DocumentRow(PLAN, "VI Piano regionale delle politiche sociali", 2,
                        false, LocalDate.of(2026, 4, 29))));
    }

    static String json(Map<String, Object> catalogue) throws JsonProcessingException {
        return new ObjectMapper().writeValueAsString(catalogue);
    }

    @Test
    void aCatalogueOfAPlanAndASurveyConformsToTheDcatApAndDcatApItShapes() throws Exception {
        assertThat(DcatShapes.violations(json(DcatCatalogue.of(input("https://creativecommons.org/licenses/by/4.0/")))))
                .isEmpty();
    }

    @Test
    void aRegionWithNothingPublishedStillHasAConformingCatalogue() throws Exception {
        DcatCatalogue.Input in = input("https://creativecommons.org/licenses/by/4.0/");
        DcatCatalogue.Input empty = new DcatCatalogue.Input(in.region(), in.publisher(), in.license(), in.baseUrl(),
                in.today(), List.of(), List.of(), List.of());
        assertThat(DcatShapes.violations(json(DcatCatalogue.of(empty)))).isEmpty();
    }

    @Test
    void everyDistributionHasTheConfiguredLicenceAndAStableUrl() throws Exception {
        String licence = "https://www.dati.gov.it/iodl/2.0/";
        Graph graph = DcatShapes.parse(json(DcatCatalogue.of(input(licence))));
        var dcat = "http://www.w3.org/ns/dcat#";
        List<Triple> distributions = graph.find(null, NodeFactory.createURI(dcat + "downloadURL"), null).toList();
        assertThat(distributions).extracting(t -> t.getObject().getURI()).containsExactlyInAnyOrder(
                "https://partecipa.example.it/api/plans/" + PLAN + "/synthesis/report?format=csv",
                "https://partecipa.example.it/api/plans/" + PLAN + "/synthesis/report?format=json",
                "https://partecipa.example.it/api/surveys/" + SURVEY + "/results.csv",
                "https://partecipa.example.it/api/plans/" + PLAN + "/document/open-data/measures.csv",
                "https://partecipa.example.it/api/plans/" + PLAN + "/document/open-data/measures.json",
                "https://partecipa.example.it/api/plans/" + PLAN + "/document/open-data/resources.csv");
        for (Triple distribution : distributions) {
            assertThat(graph.find(distribution.getSubject(), NodeFactory.createURI("http://purl.org/dc/terms/license"),
                    NodeFactory.createURI(licence)).hasNext()).as(distribution.getSubject().getURI()).isTrue();
        }
    }

    @Test
    void aDistributionWithoutALicenceOrADatasetWithoutItsHolderFailsTheShapes() throws Exception {
        String catalogue = json(DcatCatalogue.of(input("https://creativecommons.org/licenses/by/4.0/")));
        assertThat(DcatShapes.violations(catalogue.replace("\"dct:license\"", "\"dct:rights\"")))
                .anyMatch(v -> v.contains("http://purl.org/dc/terms/license"));
        assertThat(DcatShapes.violations(catalogue.replace("\"dct:rightsHolder\"", "\"dct:creator\"")))
                .anyMatch(v -> v.contains("http://purl.org/dc/terms/rightsHolder"));
    }
}
