package org.coprogram.synthesis.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Lays out the region's documents (the synthesis report, the adopted plan) as tagged PDF/UA-1: a structure tree from
 * the HTML's elements, the document's language and title from its {@code <html lang>} and {@code <title>}, and only
 * embedded fonts: DejaVu Sans, shipped with the service (see {@code fonts/LICENSE-DejaVu.txt}), which covers Italian and
 * the euro sign. The HTML must name {@link #FONT_FAMILY} as its only font: a standard PDF font such as Helvetica is
 * never embedded and would break PDF/UA. Charts carry their text alternative as a table caption (or {@code alt} text),
 * which the structure tree keeps.
 *
 * <p>
 * Pure and thread-safe: the font files are read once, each rendering gets its own builder.
 */
public final class AccessiblePdf {

    public static final String FONT_FAMILY = "DejaVu Sans";

    private record Face(String resource, int weight, FontStyle style, byte[] bytes) {
    }

    private static final List<Face> FACES = List.of(face("DejaVuSans.ttf", 400, FontStyle.NORMAL),
            face("DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL), face("DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC),
            face("DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC));

    private AccessiblePdf() {
    }

    private static Face face(String file, int weight, FontStyle style) {
        String resource = "fonts/" + file;
        try (InputStream in = AccessiblePdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The font " + resource + " is not on the classpath");
            }
            return new Face(resource, weight, style, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the font " + resource + " failed", e);
        }
    }

    /** Blocking and CPU-bound: call it off the event loop. */
    public static byte[] render(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessbility(true);
            builder.withProducer("Coprogram");
            for (Face face : FACES) {
                // Subset: only the glyphs used are embedded, which keeps a report in the tens of kilobytes.
                builder.useFont(() -> new ByteArrayInputStream(face.bytes()), FONT_FAMILY, face.weight(), face.style(),
                        true);
            }
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering the document as PDF failed", e);
        }
    }
}
