package org.coprogram.synthesis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

class AccessiblePdfTest {

    /** A document shaped like the region's: headings, a data table, a bar chart with its caption, Italian and €. */
    static final String DOCUMENT = read("report/accessible-sample.html");

    private static String read(String resource) {
        try (var in = AccessiblePdfTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDocumentWithTablesChartsAndTheEuroSignIsPdfUa1Compliant() {
        assertThat(PdfUa.failures(AccessiblePdf.render(DOCUMENT))).isEmpty();
    }

    @Test
    void everyFontIsEmbeddedAndTheTextKeepsItalianLettersAndTheEuroSign() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(AccessiblePdf.render(DOCUMENT))) {
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("it-IT");
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Piano sociale regionale 2026–2028");
            assertThat(pdf.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            for (var page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            assertThat(new PDFTextStripper().getText(pdf)).contains("12.500.000 €", "Perché la città è più");
        }
    }

    @Test
    void theSameDocumentWithoutTaggingFailsTheProfile() throws Exception {
        // The check is a real one: the same HTML laid out by openhtmltopdf's default (untagged, standard fonts) is not
        // PDF/UA.
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.withHtmlContent(DOCUMENT, null);
            builder.toStream(out);
            builder.run();
            assertThat(PdfUa.failures(out.toByteArray())).isNotEmpty();
        }
    }
}
