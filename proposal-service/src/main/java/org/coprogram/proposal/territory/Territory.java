package org.coprogram.proposal.territory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Municipalities of the supported regions (ISTAT list shipped under {@code territory/}) with their district from
 * the region's composition file. Reference data, read once at start-up.
 */
@ApplicationScoped
public class Territory {

    private static final List<String> REGIONS = List.of("puglia", "abruzzo");
    private final Map<String, Municipality> byIstatCode;

    public Territory() {
        Map<String, String> districts = new HashMap<>();
        for (String region : REGIONS) {
            for (String[] row : read("territory/districts-" + region + ".csv")) {
                districts.put(row[0], row[1]);
            }
        }
        Map<String, Municipality> municipalities = new HashMap<>();
        for (String[] row : read("territory/istat-comuni-puglia-abruzzo.csv")) {
            municipalities.put(row[0],
                    new Municipality(row[0], row[1], row[2].toLowerCase(), row[4], districts.get(row[0])));
        }
        this.byIstatCode = Map.copyOf(municipalities);
    }

    public Optional<Municipality> municipality(String istatCode) {
        return Optional.ofNullable(istatCode).map(byIstatCode::get);
    }

    /** The shipped files are plain CSV without quoted fields (see data/territory/README.md). */
    private static List<String[]> read(String resource) {
        InputStream in = Territory.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing territory file on the classpath: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
