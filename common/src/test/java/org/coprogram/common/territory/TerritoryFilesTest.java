package org.coprogram.common.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.coprogram.common.problem.FileError;
import org.coprogram.common.territory.TerritoryFiles.Checked;
import org.coprogram.common.territory.TerritoryFiles.CompositionRow;
import org.coprogram.common.territory.TerritoryFiles.Kind;
import org.coprogram.common.territory.TerritoryFiles.PopulationRow;
import org.junit.jupiter.api.Test;

/** The one reader of composition and population files, over the real ISTAT list; each file written for its case. */
class TerritoryFilesTest {

    private static final TerritoryCatalog ISTAT = TerritoryCatalog.fromClasspath();
    private static final String HEADER = TerritoryFiles.COMPOSITION_HEADER + "\n";

    private static Checked<CompositionRow> puglia(String file) {
        return puglia(file.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Checked<CompositionRow> puglia(byte[] file, Map<String, String> otherRegions) {
        return TerritoryFiles.composition(file, "puglia", ISTAT::municipality, otherRegions);
    }

    private static Checked<PopulationRow> population(String file) {
        return TerritoryFiles.population(file.getBytes(StandardCharsets.UTF_8), "abruzzo", ISTAT::municipality,
                ISTAT.municipalities("abruzzo"));
    }

    private static List<String> faults(Checked<?> checked) {
        return checked.errors().stream().map(e -> e.line() + " " + e.column() + ": " + e.reason()).toList();
    }

    @Test
    void theShippedSourcedCompositionsAreReadWithTheirSources() {
        for (String region : List.of("puglia", "abruzzo")) {
            Checked<CompositionRow> checked = TerritoryFiles.composition(TerritoryCatalog.shippedComposition(region),
                    region, ISTAT::municipality, Map.of());
            assertThat(faults(checked)).as(region).isEmpty();
            assertThat(checked.rows()).hasSize(region.equals("puglia") ? 152 : 97)
                    .allSatisfy(row -> assertThat(row.source()).as(row.istatCode()).isNotBlank());
        }
    }

    @Test
    void quotedCellsKeepTheirCommasAndDoubledQuotes() {
        Checked<CompositionRow> checked = puglia(TerritoryFiles.SOURCED_COMPOSITION_HEADER + "\r\n"
                + "071004,FG-06,\"Ambito \"\"Alto Tavoliere\"\" (San Severo)\",San Severo,\"https://a.example/1 ; b, c\"\r\n");
        assertThat(faults(checked)).isEmpty();
        assertThat(checked.rows()).singleElement().satisfies(row -> {
            assertThat(row.districtName()).isEqualTo("Ambito \"Alto Tavoliere\" (San Severo)");
            assertThat(row.leadMunicipality()).isEqualTo("San Severo");
            assertThat(row.source()).isEqualTo("https://a.example/1 ; b, c");
            assertThat(row.line()).isEqualTo(2);
        });
    }

    @Test
    void everyFaultOfAFileIsFoundAtOnceWithItsLineAndNothingIsKept() {
        Checked<CompositionRow> checked = puglia(HEADER
                + "072006,BA-BARI,Ambito di Bari\n"
                + "999999,BA-X,Ignoto\n"
                + "066049,AQ-1,L'Aquila\n"
                + "072006,BA-ALTRO,Altro\n"
                + "\n"
                + "072004,BA-BARI,Un altro nome\n"
                + "072008,,Senza codice\n"
                + "072011,BA 01,Spazio nel codice\n"
                + "072012,BA-01,\"=HYPERLINK(\"\"http://x\"\")\"\n"
                + "072014,BA-01,@SUM(A1)\n"
                + "072015,BA-01\n"
                + "72016,BA-01,Cinque cifre\n"
                + "072017,BA-01,\"non chiusa\n"
                + "072018,BA-01,a\u0007campanello\n"
                + "072019,BA-01,\u202Eal contrario\n"
                + "072020,BA-01,-2+3\n");
        assertThat(checked.ok()).isFalse();
        assertThat(checked.rows()).isEmpty();
        assertThat(faults(checked)).containsExactly(
                "3 istat_code: codice ISTAT sconosciuto: 999999",
                "4 istat_code: il comune 066049 (L'Aquila) è in Abruzzo, non in Puglia",
                "5 istat_code: il comune 072006 (Bari) è già alla riga 2",
                "7 district_name: l'ambito BA-BARI ha già il nome «Ambito di Bari» alla riga 2",
                "8 district_code: codice dell'ambito mancante",
                "9 district_code: codice dell'ambito non valido: «BA 01» (lettere, cifre, trattini e trattini"
                        + " bassi, al massimo 40 caratteri)",
                "10 district_name: la cella inizia con «=»: un foglio di calcolo la eseguirebbe come formula",
                "11 district_name: la cella inizia con «@»: un foglio di calcolo la eseguirebbe come formula",
                "12 null: attese 3 colonne, trovate 2",
                "13 istat_code: codice ISTAT non valido: «72016» (6 cifre)",
                "14 null: virgolette non chiuse (una cella non può andare a capo)",
                "15 district_name: carattere di controllo non ammesso (U+0007)",
                "16 district_name: carattere di controllo non ammesso (U+202E)",
                "17 district_name: la cella inizia con «-»: un foglio di calcolo la eseguirebbe come formula");
        assertThat(checked.errorCount()).isEqualTo(14);
        assertThat(checked.summary("composizione.csv"))
                .isEqualTo("composizione.csv riga 3: codice ISTAT sconosciuto: 999999 (e altri 13 errori)");
    }

    @Test
    void aWrongHeaderStopsTheReadingAtLineOne() {
        assertThat(faults(puglia("istat,district\n072006,BA\n"))).containsExactly("1 null: intestazione attesa: "
                + "istat_code,district_code,district_name oppure "
                + "istat_code,district_code,district_name,lead_municipality,source");
        assertThat(faults(puglia("istat_code;district_code;district_name\n072006;BA-BARI;Bari\n")))
                .singleElement().satisfies(f -> assertThat(f).endsWith("(il separatore delle colonne è la virgola)"));
        assertThat(faults(puglia(TerritoryFiles.POPULATION_HEADER + "\n072006,Bari,1\n"))).singleElement()
                .satisfies(f -> assertThat(f).startsWith("1 null: intestazione attesa"));
    }

    @Test
    void anEmptyFileIsRefusedAndAHeaderAlonePlacesNobody() {
        assertThat(faults(puglia(""))).containsExactly("1 null: il file è vuoto");
        assertThat(faults(puglia("\n \n"))).containsExactly("1 null: il file è vuoto");
        Checked<CompositionRow> headerOnly = puglia(HEADER + "\n");
        assertThat(headerOnly.ok()).isTrue();
        assertThat(headerOnly.rows()).isEmpty();
    }

    @Test
    void encodingsOtherThanUtf8AreRefusedNamingTheLine() {
        byte[] utf8 = (HEADER + "072006,BA-BARI,Città di Bari\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        assertThat(puglia(withBom, Map.of()).rows()).extracting(CompositionRow::districtName)
                .containsExactly("Città di Bari");

        byte[] latin1 = (HEADER + "072006,BA-BARI,Bari\n072004,BA-01,Città di Altamura\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(faults(puglia(latin1, Map.of()))).containsExactly("3 null: la riga non è testo UTF-8 (forse il"
                + " file è in Windows-1252 o Latin-1: salvarlo come «CSV UTF-8»)");

        byte[] utf16 = (HEADER + "072006,BA-BARI,Bari\n").getBytes(StandardCharsets.UTF_16);
        assertThat(faults(puglia(utf16, Map.of()))).containsExactly("1 null: il file è in UTF-16: salvarlo come «CSV"
                + " UTF-8»");
        assertThat(faults(puglia(utf16, Map.of()))).hasSize(1);
    }

    @Test
    void faultsAreListedUpToTheBoundAndAllCounted() {
        String file = HEADER + IntStream.range(0, 300).mapToObj(i -> "9" + String.format("%05d", i) + ",X,Y")
                .collect(Collectors.joining("\n"));
        Checked<CompositionRow> checked = puglia(file);
        assertThat(checked.errors()).hasSize(TerritoryFiles.MAX_ERRORS);
        assertThat(checked.errorCount()).isEqualTo(300);
        assertThat(checked.errors().get(99).line()).isEqualTo(101);
    }

    @Test
    void aFileOfTooManyLinesIsRefusedWithoutReadingItAll() {
        String file = HEADER + "\n".repeat(TerritoryFiles.MAX_LINES + 10);
        assertThat(faults(puglia(file))).containsExactly((TerritoryFiles.MAX_LINES + 1)
                + " null: troppe righe: al massimo " + TerritoryFiles.MAX_LINES);
    }

    @Test
    void aDistrictCodeAnotherRegionUsesIsRefused() {
        byte[] file = (HEADER + "072006,ADS-PESCARA,Bari\n").getBytes(StandardCharsets.UTF_8);
        assertThat(faults(puglia(file, Map.of("ADS-PESCARA", "abruzzo")))).containsExactly(
                "2 district_code: il codice d'ambito ADS-PESCARA è già usato in Abruzzo");
        assertThat(puglia(file, Map.of("ADS-PESCARA", "puglia")).ok()).isTrue();
    }

    @Test
    void overlongCellsAreRefused() {
        String name = "N".repeat(TerritoryFiles.MAX_NAME + 1);
        assertThat(faults(puglia(HEADER + "072006,BA-BARI," + name + "\n"))).containsExactly(
                "2 district_name: testo troppo lungo: 201 caratteri, al massimo 200");
    }

    @Test
    void aPopulationFileGivesEveryMunicipalityOfTheRegionOnce() {
        String valid = TerritoryFiles.POPULATION_HEADER + "\n" + ISTAT.municipalities("abruzzo").stream()
                .map(m -> m.istatCode() + "," + m.name() + "," + (m.population() + 1))
                .collect(Collectors.joining("\n"));
        Checked<PopulationRow> checked = population(valid);
        assertThat(faults(checked)).isEmpty();
        assertThat(checked.rows()).hasSize(305).first()
                .isEqualTo(new PopulationRow(2, "066001", ISTAT.municipality("066001").orElseThrow().population() + 1));
        // Typographic apostrophes and case are the same name.
        assertThat(population(valid.replace("L'Aquila", "l’aquila")).ok()).isTrue();
    }

    @Test
    void aPopulationFileWithFaultsNamesEachAndTheMissingMunicipalities() {
        List<Municipality> abruzzo = ISTAT.municipalities("abruzzo");
        StringBuilder file = new StringBuilder(TerritoryFiles.POPULATION_HEADER + "\n");
        for (int i = 3; i < abruzzo.size(); i++) {
            Municipality m = abruzzo.get(i);
            file.append(m.istatCode()).append(',').append(m.name()).append(',').append(m.population()).append('\n');
        }
        file.append("066004,Altro nome,10\n");
        file.append("072006,Bari,315933\n");
        file.append("066001,Acciano,1.234\n");
        file.append("066002,Aielli,-5\n");
        Checked<PopulationRow> checked = population(file.toString());
        assertThat(faults(checked)).containsExactly(
                "304 istat_code: il comune 066004 (Anversa degli Abruzzi) è già alla riga 2",
                "305 istat_code: il comune 072006 (Bari) è in Puglia, non in Abruzzo",
                "306 population: popolazione non valida: «1.234» (un numero intero di residenti, senza separatori)",
                "307 population: la cella inizia con «-»: un foglio di calcolo la eseguirebbe come formula",
                "null istat_code: manca il comune 066002 (Aielli)",
                "null istat_code: manca il comune 066003 (Alfedena)");
        assertThat(checked.rows()).isEmpty();
    }

    @Test
    void theKindOfAFileIsItsHeader() {
        assertThat(TerritoryFiles.kindOf(HEADER.getBytes(StandardCharsets.UTF_8))).isEqualTo(Kind.COMPOSITION);
        assertThat(TerritoryFiles.kindOf(TerritoryCatalog.shippedComposition("abruzzo"))).isEqualTo(Kind.COMPOSITION);
        assertThat(TerritoryFiles.kindOf("istat_code,name,population\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Kind.POPULATION);
        assertThat(TerritoryFiles.kindOf("a,b\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(Kind.UNKNOWN);
        assertThat(TerritoryFiles.kindOf(new byte[0])).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void aFileErrorOfTheWholeFileHasNoLine() {
        assertThat(new FileError(null, "istat_code", "manca").line()).isNull();
        assertThat(Optional.of(puglia(HEADER + "072006,BA-BARI,Bari\n")).map(Checked::ok)).contains(true);
    }
}
