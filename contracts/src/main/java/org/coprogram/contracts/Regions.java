package org.coprogram.contracts;

import java.util.List;

/** The regions a deployment serves, by the code used in plans, tokens' {@code region} claim and URLs. */
public final class Regions {

    public static final String PUGLIA = "puglia";
    public static final String ABRUZZO = "abruzzo";
    public static final List<String> ALL = List.of(PUGLIA, ABRUZZO);
    /** {@link #ALL} as a regular expression, for validation annotations. */
    public static final String PATTERN = PUGLIA + "|" + ABRUZZO;

    private Regions() {
    }

    public static boolean isKnown(String region) {
        return ALL.contains(region);
    }

    /** The region's name for display, e.g. {@code Puglia}. */
    public static String displayName(String region) {
        return switch (region == null ? "" : region) {
            case PUGLIA -> "Puglia";
            case ABRUZZO -> "Abruzzo";
            default -> region;
        };
    }
}
