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
 * file with unknown, duplicated or foreign municipalities is refused with a message naming the line.
 */
public final class TerritoryCatalog {

    public static final List<String> REGIONS = Regions.ALL;
    private static final String MUNICIPALITIES = "territory/istat-comuni-puglia-abruzzo.csv";
    private static final String ISTAT_HEADER = "istat_code,name,region,province,province_code,population_2011";
    private static final String DISTRICTS_HEADER = "istat_code,district_code,district_name";

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
            readComposition(file, region, reader, assigned, districts);
        });
        return new TerritoryCatalog(assigned, districts);
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

    private static void readComposition(String file, String region, Reader reader, Map<String, Municipality> assigned,
            Map<String, District> districts) {
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, List<String>> members = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        List<String[]> rows = rows(file, reader, DISTRICTS_HEADER, 3);
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            int line = i + 2;
            String where = file + " line " + line + ": ";
            Municipality municipality = assigned.get(row[0]);
            if (municipality == null) {
                throw new TerritoryFileException(where + "unknown municipality ISTAT code " + row[0]);
            }
            if (!municipality.region().equals(region)) {
                throw new TerritoryFileException(where + "municipality " + row[0] + " (" + municipality.name()
                        + ") belongs to " + municipality.region() + ", not " + region);
            }
            if (firstLine.containsKey(row[0])) {
                throw new TerritoryFileException(where + "municipality " + row[0] + " (" + municipality.name()
                        + ") is already assigned at line " + firstLine.get(row[0]));
            }
            if (row[1].isBlank() || row[2].isBlank()) {
                throw new TerritoryFileException(where + "district code and name are required");
            }
            String previousName = names.putIfAbsent(row[1], row[2]);
            if (previousName != null && !previousName.equals(row[2])) {
                throw new TerritoryFileException(where + "district " + row[1] + " is named both '" + previousName
                        + "' and '" + row[2] + "'");
            }
            firstLine.put(row[0], line);
            members.computeIfAbsent(row[1], code -> new ArrayList<>()).add(row[0]);
            assigned.put(row[0], new Municipality(municipality.istatCode(), municipality.name(), municipality.region(),
                    municipality.provinceCode(), municipality.provinceName(), municipality.population(), row[1]));
        }
        members.forEach((code, istatCodes) -> {
            if (districts.containsKey(code)) {
                throw new TerritoryFileException(file + ": district code " + code + " is used by another region");
            }
            districts.put(code, new District(code, names.get(code), region, List.copyOf(istatCodes)));
        });
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
