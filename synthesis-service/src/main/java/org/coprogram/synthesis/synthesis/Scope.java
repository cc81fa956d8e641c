package org.coprogram.synthesis.synthesis;

import java.util.List;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.contracts.Regions;

/** Which part of the region a synthesis covers: the whole region, one province or one district. */
public record Scope(String level, String code, String name) {

    public static final String REGION = "region";
    public static final String PROVINCE = "province";
    public static final String DISTRICT = "district";

    /** The scope request parameters name, before they are checked against a plan: no code at region level. */
    record Requested(String level, String code) {
    }

    /**
     * What {@code level} and {@code code} ask for: the region when no level is given, and the code only below region
     * level, where it means something. Two requests that name the same {@code Requested} resolve to the same scope
     * ({@link #of}), or both fail.
     */
    static Requested requested(String level, String code) {
        String chosen = level == null || level.isBlank() ? REGION : level;
        return new Requested(chosen, REGION.equals(chosen) ? null : code);
    }

    /** Checks {@code level} and {@code code} against the plan's region; a bad pair is a 400 naming the parameter. */
    public static Scope of(String level, String code, String region, TerritoryCatalog territory) {
        Requested requested = requested(level, code);
        switch (requested.level()) {
            case REGION :
                return new Scope(REGION, region, regionName(region));
            case PROVINCE :
                return territory.provinces(region).stream().filter(p -> p.code().equals(requested.code())).findFirst()
                        .map(p -> new Scope(PROVINCE, p.code(), p.name()))
                        .orElseThrow(() -> invalid("code", "provincia non presente nella regione del piano"));
            case DISTRICT :
                return territory.district(requested.code() == null ? "" : requested.code())
                        .filter(d -> d.region().equals(region))
                        .map(d -> new Scope(DISTRICT, d.code(), d.name()))
                        .orElseThrow(() -> invalid("code", "ambito non presente nella regione del piano"));
            default :
                throw invalid("level", "livello non valido: region, province o district");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest("Parametro non valido: " + field, List.of(new Violation(field, message)));
    }

    static String regionName(String region) {
        return Regions.displayName(region);
    }

    /** The territory level one below the scope, whose rows {@code byTerritory} lists. */
    String childColumn() {
        return switch (level) {
            case REGION -> "province";
            case PROVINCE -> "district";
            default -> "municipality";
        };
    }
}
