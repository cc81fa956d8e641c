package org.coprogram.synthesis.report;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF's PDF/UA-1 validation profile, run on a document: the rules it fails, none for a compliant one. */
public final class PdfUa {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfUa() {
    }

    /** The failed checks, one line each ("clause-test: description (context)"); empty when PDF/UA-1 compliant. */
    public static List<String> failures(byte[] pdf) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                PDFAFlavour.PDFUA_1)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, false);
            ValidationResult result = validator.validate(parser);
            List<String> failed = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": "
                            + a.getMessage() + " (" + a.getLocation().getContext() + ")")
                    .distinct().toList();
            if (failed.isEmpty() && !result.isCompliant()) {
                return List.of("not compliant, though no failed assertion was reported");
            }
            return failed;
        } catch (Exception e) {
            return List.of("veraPDF could not validate the document: " + e);
        }
    }
}
