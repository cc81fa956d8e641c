package org.coprogram.common.territory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Regions;

/**
 * The territory reference data the project ships under {@code territory/}: the ISTAT municipality list and, per
 * region, the district composition the region supplies (see data/territory/README.md). Read once; a composition
 * file with unknown, duplicated or foreign municipalities is refused with a message naming the line, by the same
 * reader ({@link TerritoryFiles}) that checks the compositions region staff upload. synthesis-service keeps each
 * region's compositions as versions and reads one as a catalog of its own ({@link #of}).
 */
public final class TerritoryCatalog {

    public static final List<String> REGIONS = Regions.ALL;
    private static final String MUNICIPALITIES = "territory/istat-comuni-puglia-abruzzo.csv";
    private static final String ISTAT_HEADER = "istat_code,name,region,province,province_code,population_2011";

    private final Map<String, Municipality> municipalities;
    private final Map<String, District> districts;

    private TerritoryCatalog(Map<String, Municipality> municipalities, Map<String, District> districts) {
        this.municipalities = Map.copyOf(municipalities);
        this.districts = Map.copyOf(districts);
    }

    /** Loads the shipped files from the classpath. */
    public static TerritoryCatalog fromClasspath() {
        Map<String, Municipality> istat = readMunicipalities(MUNICIPALITIES, open(MUNICIPALITIES));
        Map<String, Reader> compositions = new LinkedHashMap<>();
        for (String region : REGIONS) {
            String file = "territory/districts-" + region + ".csv";
            compositions.put(region + "|" + file, open(file));
        }
        return withCompositions(istat, compositions);
    }

    /** Builds a catalog from a municipality list and composition files keyed by {@code region|fileName}. */
    public static TerritoryCatalog withCompositions(Map<String, Municipality> istat, Map<String, Reader> compositions) {
        Map<String, Municipality> assigned = new HashMap<>(istat);
        Map<String, District> districts = new TreeMap<>();
        compositions.forEach((key, reader) -> {
            String region = key.substring(0, key.indexOf('|'));
            String file = key.substring(key.indexOf('|') + 1);
            Map<String, String> taken = new HashMap<>();
            districts.values().forEach(d -> taken.put(d.code(), d.region()));
            TerritoryFiles.Checked<TerritoryFiles.CompositionRow> checked = TerritoryFiles
                    .composition(bytes(file, reader), region, code -> Optional.ofNullable(istat.get(code)), taken);
            if (!checked.ok()) {
                throw new TerritoryFileException(checked.summary(file));
            }
            districts.putAll(assign(region, checked.rows(), assigned));
        });
        return new TerritoryCatalog(assigned, districts);
    }

    /**
     * A catalog of one composition of {@code region} over the ISTAT list (the other regions' municipalities kept, with
     * no district): what a versioned composition reads as. {@code population} replaces the list's figures where given.
     */
    public static TerritoryCatalog of(Map<String, Municipality> istat, String region,
            List<TerritoryFiles.CompositionRow> composition, Map<String, Integer> population) {
        Map<String, Municipality> assigned = new HashMap<>();
        istat.forEach((code, m) -> assigned.put(code, new Municipality(m.istatCode(), m.name(), m.region(),
                m.provinceCode(), m.provinceName(), population.getOrDefault(code, m.population()), null)));
        return new TerritoryCatalog(assigned, assign(region, composition, assigned));
    }

    /** Places the rows' municipalities in {@code assigned}; the districts they form, in file order of members. */
    private static Map<String, District> assign(String region, List<TerritoryFiles.CompositionRow> rows,
            Map<String, Municipality> assigned) {
        Map<String, List<String>> members = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        for (TerritoryFiles.CompositionRow row : rows) {
            Municipality m = assigned.get(row.istatCode());
            assigned.put(m.istatCode(), new Municipality(m.istatCode(), m.name(), m.region(), m.provinceCode(),
                    m.provinceName(), m.population(), row.districtCode()));
            members.computeIfAbsent(row.districtCode(), code -> new ArrayList<>()).add(row.istatCode());
            names.putIfAbsent(row.districtCode(), row.districtName());
        }
        Map<String, District> districts = new TreeMap<>();
        members.forEach((code, istatCodes) -> districts.put(code,
                new District(code, names.get(code), region, List.copyOf(istatCodes))));
        return districts;
    }

    public static Map<String, Municipality> readMunicipalities(String file, Reader reader) {
        Map<String, Municipality> result = new HashMap<>();
        List<String[]> rows = rows(file, reader, ISTAT_HEADER, 6);
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            int population;
            try {
                population = Integer.parseInt(row[5]);
            } catch (NumberFormatException e) {
                throw new TerritoryFileException(file + " line " + (i + 2) + ": population is not a number: " + row[5]);
            }
            result.put(row[0],
                    new Municipality(row[0], row[1], row[2].toLowerCase(), row[4], row[3], population, null));
        }
        return result;
    }

    /** The composition files shipped under {@code territory/}, each region's, as the one reader checks them. */
    public static byte[] shippedComposition(String region) {
        String file = "territory/districts-" + region + ".csv";
        return bytes(file, open(file));
    }

    private static byte[] bytes(String file, Reader reader) {
        try (Reader in = reader) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    private static List<String[]> rows(String file, Reader reader, String header, int columns) {
        try (BufferedReader lines = new BufferedReader(reader)) {
            String first = lines.readLine();
            if (first == null || !first.strip().equals(header)) {
                throw new TerritoryFileException(file + " line 1: expected the header '" + header + "'");
            }
            List<String[]> rows = new ArrayList<>();
            String line;
            int number = 1;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] row = line.split(",", -1);
                if (row.length != columns) {
                    throw new TerritoryFileException(file + " line " + number + ": expected " + columns
                            + " columns, found " + row.length);
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] = row[i].strip();
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    private static Reader open(String resource) {
        InputStream in = TerritoryCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new TerritoryFileException("Missing territory file on the classpath: " + resource);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** Every municipality of every region by ISTAT code, with the districts and population of this catalog. */
    public Map<String, Municipality> municipalityIndex() {
        return municipalities;
    }

    public Optional<Municipality> municipality(String istatCode) {
        return Optional.ofNullable(istatCode).map(municipalities::get);
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(code).map(districts::get);
    }

    /** The municipality with this ISTAT code if it lies in {@code region}: a plan only takes its own region's. */
    public Optional<Municipality> municipalityIn(String region, String istatCode) {
        return municipality(istatCode).filter(m -> m.region().equals(region));
    }

    /** As {@link #municipalityIn}, or the one refusal for every service: 422 with a violation on {@code field}. */
    public Municipality requireMunicipalityIn(String region, String istatCode, String field) {
        return municipalityIn(region, istatCode).orElseThrow(() -> ProblemException.invalidField(field,
                "codice ISTAT non corrispondente a un comune della regione del piano"));
    }

    public Optional<District> districtIn(String region, String code) {
        return district(code).filter(d -> d.region().equals(region));
    }

    public List<Municipality> municipalities(String region) {
        return municipalities.values().stream().filter(m -> m.region().equals(region))
                .sorted((a, b) -> a.istatCode().compareTo(b.istatCode())).toList();
    }

    public List<District> districts(String region) {
        return districts.values().stream().filter(d -> d.region().equals(region))
                .sorted((a, b) -> a.code().compareTo(b.code())).toList();
    }

    public List<Province> provinces(String region) {
        Map<String, Province> provinces = new TreeMap<>();
        for (Municipality m : municipalities(region)) {
            provinces.putIfAbsent(m.provinceCode(), new Province(m.provinceCode(), m.provinceName(), region));
        }
        return List.copyOf(provinces.values());
    }

}
