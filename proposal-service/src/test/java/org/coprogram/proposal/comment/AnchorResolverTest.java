package org.coprogram.proposal.comment;

import static org.assertj.core.api.Assertions.assertThat;

import org.coprogram.proposal.comment.AnchorResolver.MeasureText;
import org.junit.jupiter.api.Test;

/** The anchor resolver alone (docs/dialogue.md, "Anchors"). */
class AnchorResolverTest {

    static final String V1 = "Il servizio raggiunge 500 anziani entro il 2027, in ogni ambito.";

    @Test
    void aQuoteThatMovedIsFoundAtItsNewPlaceInTheLatestVersion() {
        AnchorSelector anchor = new AnchorSelector(1, "500 anziani", "raggiunge ", " entro");
        String v2 = "In ogni ambito, entro il 2027, il servizio raggiunge 500 anziani.";
        ResolvedAnchor resolved = AnchorResolver.resolve(anchor, new MeasureText(2, "Titolo", v2));
        assertThat(resolved).isEqualTo(new ResolvedAnchor(ResolvedAnchor.Status.CURRENT, 2,
                ResolvedAnchor.Field.DESCRIPTION, v2.indexOf("500"), v2.indexOf("500") + "500 anziani".length()));
    }

    @Test
    void aQuoteWhoseTextChangedIsOnAnEarlierVersion() {
        AnchorSelector anchor = new AnchorSelector(1, "entro il 2027", null, null);
        ResolvedAnchor resolved = AnchorResolver.resolve(anchor,
                new MeasureText(3, "Titolo", "Il servizio raggiunge 500 anziani entro il 2028."));
        assertThat(resolved).isEqualTo(ResolvedAnchor.earlier(1));
    }

    @Test
    void aMeasureMissingFromTheLatestVersionLeavesItsAnchorsOnTheirVersion() {
        assertThat(AnchorResolver.resolve(new AnchorSelector(2, "500 anziani", null, null), null))
                .isEqualTo(ResolvedAnchor.earlier(2));
    }

    @Test
    void anAmbiguousQuoteIsDisambiguatedByItsPrefixAndSuffix() {
        String text = "Servizi per anziani a Bari; servizi per anziani a Lecce; servizi per anziani a Foggia.";
        MeasureText latest = new MeasureText(1, "Titolo", text);
        assertThat(AnchorResolver.locate(latest, "servizi per anziani", "Bari; ", " a Lecce")).get()
                .extracting(AnchorResolver.Match::start).isEqualTo(text.indexOf("servizi per anziani a Lecce"));
        assertThat(AnchorResolver.locate(latest, "per anziani", null, " a Foggia")).get()
                .extracting(AnchorResolver.Match::start).isEqualTo(text.indexOf("per anziani a Foggia"));
    }

    @Test
    void anAmbiguousQuoteWithoutContextTakesItsFirstOccurrence() {
        String text = "anziani e anziani";
        assertThat(AnchorResolver.locate(new MeasureText(1, "T", text), "anziani", null, null)).get()
                .isEqualTo(new AnchorResolver.Match(ResolvedAnchor.Field.DESCRIPTION, 0, 7));
    }

    @Test
    void aQuoteOfTheTitleIsFoundInTheTitleAndAnEmptyQuoteNowhere() {
        MeasureText text = new MeasureText(1, "Assistenza domiciliare integrata", V1);
        assertThat(AnchorResolver.locate(text, "domiciliare integrata", null, null)).get()
                .isEqualTo(new AnchorResolver.Match(ResolvedAnchor.Field.TITLE, 11, 32));
        assertThat(AnchorResolver.locate(text, "", null, null)).isEmpty();
        assertThat(AnchorResolver.locate(new MeasureText(1, "T", null), "x", null, null)).isEmpty();
    }
}
