package org.coprogram.proposal.decidim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coprogram.proposal.decidim.DecidimOpenData.ImportProblem;
import org.coprogram.proposal.decidim.DecidimOpenData.Limits;
import org.coprogram.proposal.decidim.DecidimOpenData.Parsed;
import org.coprogram.proposal.decidim.DecidimOpenData.Upload;
import org.coprogram.proposal.proposal.ProposalStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading Decidim open-data exports: the versions in use, locales, and every way a file can be refused. */
class DecidimOpenDataTest {

    private static final String PROPOSALS = DecidimSamples.HOST + "-open-data-proposals.csv";
    private static final String COMMENTS = DecidimSamples.HOST + "-open-data-proposal_comments.csv";

    private static Parsed read(Map<String, String> files, String locale) {
        return DecidimOpenData.read(List.of(new Upload("export.zip", DecidimSamples.zip(files))), locale,
                Limits.DEFAULT);
    }

    private static Parsed csv(String name, String text) {
        return DecidimOpenData.read(List.of(new Upload(name, text.getBytes(StandardCharsets.UTF_8))), null,
                Limits.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.27", "0.28", "0.30"})
    void everyKnownSerializerVersionGivesTheSameProposalsAndComments(String version) {
        Parsed parsed = read(DecidimSamples.export(version), null);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.proposals()).extracting(DecidimOpenData.ProposalRow::id).containsExactly("101", "102",
                "103");
        DecidimOpenData.ProposalRow first = parsed.proposals().get(0);
        assertThat(first.title()).isEqualTo("Trasporto sociale per anziani soli");
        assertThat(first.body()).contains("\"gratuito\"").contains("\nAnche nei comuni");
        assertThat(first.supports()).isEqualTo(42);
        assertThat(first.comments()).isEqualTo(2);
        assertThat(first.url()).isEqualTo(DecidimSamples.proposalUrl("101"));
        assertThat(first.state()).isEqualTo("accepted");
        assertThat(parsed.comments()).extracting(DecidimOpenData.CommentRow::id).containsExactly("9001", "9002",
                "9003");
        assertThat(parsed.rows()).containsEntry("meetings", 1).containsEntry("results", 1)
                .containsEntry("proposals", 3).containsEntry("proposal_comments", 3);
        assertThat(parsed.ignoredFiles()).anyMatch(f -> f.contains("README.md"));
        if (version.equals("0.30")) {
            assertThat(first.taxonomyIds()).containsExactly("7", "3");
            assertThat(first.categoryId()).isNull();
        } else {
            assertThat(first.categoryId()).isEqualTo("7");
            assertThat(first.scopeId()).isEqualTo("3");
        }
    }

    @Test
    void anotherPreferredLocaleReadsThatLanguageAndFallsBackWhereItIsEmpty() {
        Parsed parsed = read(DecidimSamples.export("0.28"), "ca");

        assertThat(parsed.proposals().get(0).title()).isEqualTo("Transport social per a gent gran");
        // Proposal 103 has no Catalan text: the first language that has one.
        assertThat(parsed.proposals().get(2).title()).startsWith("=SOMMA");
    }

    @Test
    void columnsAreMatchedByNameWhateverTheirOrder() {
        String csv = "url;title/it;id;body/it;votes\n" + DecidimSamples.proposalUrl("5")
                + ";Un titolo abbastanza lungo;5;Un testo;3\n";
        Parsed parsed = csv("x-open-data-proposals.csv", csv);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.proposals().get(0).supports()).isEqualTo(3);
        assertThat(parsed.proposals().get(0).id()).isEqualTo("5");
    }

    @Test
    void anUnclosedQuoteIsRefusedWithFileLineAndColumn() {
        String csv = "id;title/it;body/it;url\n1;Titolo;Testo;" + DecidimSamples.proposalUrl("1")
                + "\n2;\"Titolo mai chiuso;Testo;" + DecidimSamples.proposalUrl("2") + "\n";
        Parsed parsed = csv("x-open-data-proposals.csv", csv);

        assertThat(parsed.readable()).isFalse();
        assertThat(parsed.proposals()).isEmpty();
        assertThat(parsed.problems()).containsExactly(new ImportProblem("x-open-data-proposals.csv", 3, "title/it",
                "CSV non valido: virgolette aperte e mai chiuse"));
    }

    @Test
    void aShortRowIsRefusedAtItsLineNamingTheFirstMissingColumn() {
        String csv = "id;title/it;body/it;url;votes\n1;Titolo;\"Testo\nsu due righe\";"
                + DecidimSamples.proposalUrl("1") + ";2\n2;Titolo due;Testo\n";
        Parsed parsed = csv("x-open-data-proposals.csv", csv);

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo("url");
            assertThat(p.message()).startsWith("riga incompleta");
        });
    }

    @Test
    void badValuesAreNamedByLineAndColumn() {
        String csv = "id;title/it;body/it;url;votes;published_at\n1;Titolo;Testo;ftp://x;molti;ieri\n";
        Parsed parsed = csv("x-open-data-proposals.csv", csv);

        assertThat(parsed.problems()).extracting(ImportProblem::line, ImportProblem::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, "url"), org.assertj.core.groups.Tuple.tuple(2, "votes"),
                org.assertj.core.groups.Tuple.tuple(2, "published_at"));
    }

    @Test
    void controlCharactersAndARepeatedUrlAreRefusedWhereTheyAre() {
        String url = DecidimSamples.proposalUrl("1");
        String csv = "id;title/it;body/it;url\n1;Titolo\u0000nascosto;Testo;" + url + "\n2;Titolo;Testo;" + url + "\n";
        Parsed parsed = csv("x-open-data-proposals.csv", csv);

        assertThat(parsed.problems()).extracting(ImportProblem::line, ImportProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "title/it"), org.assertj.core.groups.Tuple.tuple(3, "url"));
    }

    @Test
    void aMissingRequiredColumnIsNamedOnTheHeaderLine() {
        Parsed parsed = csv("x-open-data-proposals.csv", "id;title/it;body/it\n1;T;B\n");

        assertThat(parsed.problems()).containsExactly(new ImportProblem("x-open-data-proposals.csv", 1, "url",
                "colonna obbligatoria mancante"));
    }

    @Test
    void commentsWithoutTheirProposalsArePartialAndRefused() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PROPOSALS, DecidimSamples.proposalsCsv("0.28", DecidimSamples.proposals().subList(1, 3)));
        files.put(COMMENTS, DecidimSamples.commentsCsv(DecidimSamples.comments()));
        Parsed parsed = read(files, null);

        assertThat(parsed.readable()).isFalse();
        assertThat(parsed.problems()).extracting(ImportProblem::file, ImportProblem::line, ImportProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("export.zip!" + COMMENTS, 2, "commentable_id"),
                        org.assertj.core.groups.Tuple.tuple("export.zip!" + COMMENTS, 3, "commentable_id"));
        assertThat(parsed.problems().get(0).message()).contains("101").contains("incompleto");
    }

    @Test
    void pathTraversalNamesInTheZipAreRefused() {
        Map<String, String> files = new LinkedHashMap<>(DecidimSamples.export("0.28"));
        files.put("../../etc/x-open-data-debates.csv", "id\n1\n");
        Parsed parsed = read(files, null);

        assertThat(parsed.readable()).isFalse();
        assertThat(parsed.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("nome di file non ammesso"));
    }

    @Test
    void aZipBombStopsAtTheBoundBeforeItIsDecompressed() {
        String huge = "id;title/it;body/it;url\n" + "1;" + "a".repeat(3_000_000) + ";b;c\n";
        Limits small = new Limits(1 << 20, 2 << 20, 64, 1000, 100_000);
        byte[] zip = DecidimSamples.zip(Map.of("x-open-data-proposals.csv", huge));
        assertThat(zip.length).isLessThan(100_000);

        Parsed parsed = DecidimOpenData.read(List.of(new Upload("bomb.zip", zip)), null, small);

        assertThat(parsed.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("file troppo grande una volta decompresso"));
    }

    @Test
    void tooManyEntriesAndTooManyRowsAreRefused() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("f" + i + ".txt", "x");
        }
        Limits small = new Limits(1 << 20, 2 << 20, 3, 2, 100_000);
        assertThat(DecidimOpenData.read(List.of(new Upload("a.zip", DecidimSamples.zip(many))), null, small)
                .problems()).anyMatch(p -> p.message().startsWith("troppi file"));
        assertThat(DecidimOpenData.read(List.of(new Upload("x-open-data-proposals.csv",
                DecidimSamples.proposalsCsv("0.28", DecidimSamples.proposals()).getBytes(StandardCharsets.UTF_8))),
                null, small).problems()).anyMatch(p -> p.message().startsWith("troppe righe"));
    }

    @Test
    void notUtf8AndNotAnExportAreRefused() {
        byte[] latin1 = "id;title/it;body/it;url\n1;perché;b;c\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(DecidimOpenData.read(List.of(new Upload("x-open-data-proposals.csv", latin1)), null,
                Limits.DEFAULT).problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.message()).isEqualTo("il file non è in UTF-8");
                });
        assertThat(csv("foto.png", "x").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("né uno zip né un CSV"));
        assertThat(DecidimOpenData.read(List.of(new Upload("rotto.zip", new byte[]{'P', 'K', 3, 4, 0, 0})), null,
                Limits.DEFAULT).readable()).isFalse();
    }

    @Test
    void placingMapsCategoriesScopesAndTaxonomiesOrRefusesWhatItCannotPlace() {
        Parsed v28 = read(DecidimSamples.export("0.28"), null);
        Parsed v30 = read(DecidimSamples.export("0.30"), null);
        DecidimMapping mapping = new DecidimMapping(null, Map.of("7", "anziani", "8", "poverta"),
                Map.of("3", "072006", "4", "075035"), Map.of("7", "anziani", "8", "poverta", "3", "072006", "4",
                        "075035"),
                null, null);
        Set<String> themes = Set.of("anziani", "poverta");
        Set<String> istat = Set.of("072006", "075035");

        for (Parsed parsed : List.of(v28, v30)) {
            ImportPlan.Result result = ImportPlan.of(parsed, mapping, themes, istat::contains);
            assertThat(result.problems()).isEmpty();
            assertThat(result.proposals()).extracting(ImportPlan.Placed::theme, ImportPlan.Placed::municipality,
                    ImportPlan.Placed::status).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("anziani", "072006", ProposalStatus.ACCEPTED),
                            org.assertj.core.groups.Tuple.tuple("poverta", "075035", ProposalStatus.SUBMITTED),
                            org.assertj.core.groups.Tuple.tuple("anziani", "072006", ProposalStatus.NOT_ACCEPTED));
            assertThat(result.comments()).extracting(DecidimOpenData.CommentRow::id).containsExactly("9001", "9002",
                    "9003");
        }
        ImportPlan.Result unmapped = ImportPlan.of(v28, DecidimMapping.NONE, themes, istat::contains);
        assertThat(unmapped.problems()).hasSize(6).first().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo("category/id");
        });
        List<ImportProblem> problems = new ArrayList<>();
        DecidimMapping.parse("{\"categories\": {\"7\": ", problems);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo("mapping"));
        ImportPlan.Result wrongTheme = ImportPlan.of(v28, new DecidimMapping(null, Map.of("7", "sport"), Map.of(),
                Map.of(), null, null), themes, istat::contains);
        assertThat(wrongTheme.problems()).singleElement().satisfies(p -> assertThat(p.column())
                .isEqualTo("categories.7"));
    }

    @Test
    void exportedCellsThatLookLikeFormulasAreNeutralisedAndReadBack() {
        assertThat(DecidimExport.safe("=SOMMA(A1)")).isEqualTo("'=SOMMA(A1)");
        assertThat(DecidimExport.safe("+39 080")).isEqualTo("'+39 080");
        assertThat(DecidimExport.safe("@utente")).isEqualTo("'@utente");
        assertThat(DecidimExport.safe("-1")).isEqualTo("-1");
        assertThat(DecidimExport.safe("- elenco")).isEqualTo("'- elenco");
        assertThat(DecidimExport.safe("Testo")).isEqualTo("Testo");
        assertThat(DecidimOpenData.unneutralised("'=SOMMA(A1)")).isEqualTo("=SOMMA(A1)");
        assertThat(DecidimOpenData.unneutralised("'tra virgolette'")).isEqualTo("'tra virgolette'");
    }
}
