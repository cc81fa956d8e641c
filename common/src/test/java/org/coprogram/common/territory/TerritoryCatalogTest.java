package org.coprogram.common.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over the real ISTAT list the project ships; composition files written for each case. */
class TerritoryCatalogTest {

    static Map<String, Municipality> istat;

    @BeforeAll
    static void readIstat() throws IOException {
        Path file = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "data", "territory",
                "istat-comuni-puglia-abruzzo.csv");
        try (FileReader reader = new FileReader(file.toFile(), StandardCharsets.UTF_8)) {
            istat = TerritoryCatalog.readMunicipalities(file.getFileName().toString(), reader);
        }
    }

    static TerritoryCatalog puglia(String composition) {
        return TerritoryCatalog.withCompositions(istat,
                Map.of("puglia|districts-puglia.csv", new StringReader(composition)));
    }

    @Test
    void istatListHoldsEveryMunicipalityOfBothRegions() {
        TerritoryCatalog catalog = puglia("istat_code,district_code,district_name\n");
        assertThat(catalog.municipalities("puglia")).hasSize(257);
        assertThat(catalog.municipalities("abruzzo")).hasSize(305);
        assertThat(catalog.provinces("puglia")).extracting(Province::code)
                .containsExactly("BA", "BR", "BT", "FG", "LE", "TA");
        assertThat(catalog.municipality("072006")).get().extracting(Municipality::name, Municipality::population)
                .containsExactly("Bari", 315933);
    }

    @Test
    void aMunicipalityOfAnotherRegionIsRefusedWith422OnTheField() {
        TerritoryCatalog catalog = puglia("istat_code,district_code,district_name\n");
        assertThat(catalog.requireMunicipalityIn("puglia", "072006", "municipality").name()).isEqualTo("Bari");
        assertThat(catalog.municipalityIn("abruzzo", "072006")).isEmpty();
        for (String foreignOrUnknown : new String[]{"066049", "999999", null}) {
            assertThatThrownBy(() -> catalog.requireMunicipalityIn("puglia", foreignOrUnknown, "municipality"))
                    .isInstanceOfSatisfying(ProblemException.class, problem -> {
                        assertThat(problem.status()).isEqualTo(422);
                        assertThat(problem.violations()).extracting(Violation::field).containsExactly("municipality");
                    });
        }
    }

    @Test
    void aDistrictCountsOnlyInItsOwnRegion() {
        TerritoryCatalog catalog = puglia("""
                istat_code,district_code,district_name
                072006,BA-BARI,Ambito di Bari
                """);
        assertThat(catalog.districtIn("puglia", "BA-BARI")).isPresent();
        assertThat(catalog.districtIn("abruzzo", "BA-BARI")).isEmpty();
        assertThat(catalog.districtIn("puglia", null)).isEmpty();
    }

    @Test
    void compositionAssignsMunicipalitiesToDistricts() {
        TerritoryCatalog catalog = puglia("""
                istat_code,district_code,district_name
                074001,BR-01,Ambito di Brindisi
                074017,BR-01,Ambito di Brindisi
                072006,BA-BARI,Ambito di Bari
                """);
        assertThat(catalog.districts("puglia")).extracting(District::code).containsExactly("BA-BARI", "BR-01");
        assertThat(catalog.district("BR-01")).get().extracting(District::municipalities)
                .isEqualTo(java.util.List.of("074001", "074017"));
        assertThat(catalog.municipality("074017")).get().extracting(Municipality::districtCode)
                .isEqualTo("BR-01");
        assertThat(catalog.municipality("075035")).get().extracting(Municipality::districtCode).isNull();
    }

    @Test
    void unknownMunicipalityIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> puglia("istat_code,district_code,district_name\n072006,BA-BARI,Bari\n999999,X,Y\n"))
                .isInstanceOf(TerritoryFileException.class)
                .hasMessage("districts-puglia.csv riga 3: codice ISTAT sconosciuto: 999999");
    }

    @Test
    void duplicatedMunicipalityIsRefused() {
        assertThatThrownBy(
                () -> puglia("istat_code,district_code,district_name\n072006,BA-BARI,Bari\n072006,BA-ALTRO,Altro\n"))
                .isInstanceOf(TerritoryFileException.class)
                .hasMessage("districts-puglia.csv riga 3: il comune 072006 (Bari) è già alla riga 2");
    }

    @Test
    void municipalityOfAnotherRegionIsRefused() {
        assertThatThrownBy(() -> puglia("istat_code,district_code,district_name\n066006,AQ-AVEZZANO,Avezzano\n"))
                .isInstanceOf(TerritoryFileException.class)
                .hasMessageContaining("riga 2").hasMessageContaining("è in Abruzzo, non in Puglia");
    }

    @Test
    void malformedFilesAreRefused() {
        assertThatThrownBy(() -> puglia("istat,district\n072006,BA\n"))
                .isInstanceOf(TerritoryFileException.class).hasMessageContaining("riga 1: intestazione attesa");
        assertThatThrownBy(() -> puglia("istat_code,district_code,district_name\n072006,BA-BARI\n"))
                .isInstanceOf(TerritoryFileException.class).hasMessageContaining("riga 2: attese 3 colonne, trovate 2");
        assertThatThrownBy(
                () -> puglia("istat_code,district_code,district_name\n072006,BA-BARI,Bari\n074001,BA-BARI,Brindisi\n"))
                .isInstanceOf(TerritoryFileException.class).hasMessageContaining("ha già il nome «Bari» alla riga 2");
    }

    @Test
    void shippedCompositionFilesAreTheSourcedPartialComposition() {
        TerritoryCatalog shipped = TerritoryCatalog.fromClasspath();
        assertThat(shipped.districts("puglia")).hasSize(39).extracting(District::code)
                .contains("BA-BARI", "BR-01", "FG-FOGGIA", "TA-06");
        assertThat(shipped.municipalities("puglia")).filteredOn(m -> m.districtCode() != null).hasSize(152);
        assertThat(shipped.districts("abruzzo")).hasSize(11).extracting(District::code)
                .contains("ADS-PESCARA", "ADS-20");
        assertThat(shipped.municipalities("abruzzo")).filteredOn(m -> m.districtCode() != null).hasSize(97);
        assertThat(shipped.municipality("071060")).get().extracting(Municipality::districtCode)
                .as("Vieste is placed by no source").isNull();
    }
}
