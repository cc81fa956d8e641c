package org.coprogram.synthesis.traceability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.coprogram.synthesis.traceability.LinkRepository.UptakeCell;

/**
 * "Did we listen fairly?" (docs/plan-document.md, "Uptake equity"): per province, district and stakeholder category,
 * the share of public contributions that were heard (a proposal answered, or any contribution linked to a measure),
 * next to participation per 1,000 inhabitants, flagging the groups heard much less than the plan as a whole.
 *
 * <p>
 * The rule: a group is {@code heardLess} when it has at least {@link #MIN_CONTRIBUTIONS} contributions and its share
 * is below {@link #FLAG_RATIO} times the plan's overall share. Fewer contributions say too little to flag; a plan
 * where nothing was heard yet flags nobody.
 */
public final class UptakeEquity {

    /** The fewest contributions a group needs before it can be flagged. */
    public static final long MIN_CONTRIBUTIONS = 5;
    /** A group is flagged below this fraction of the plan's overall share. */
    public static final double FLAG_RATIO = 0.5;
    static final String RULE = "meno della metà della quota complessiva di contributi ascoltati, con almeno "
            + MIN_CONTRIBUTIONS + " contributi";

    /** The plan's uptake: overall, and per group. Shares are fractions from 0 to 1, rounded to 4 decimals. */
    public record Uptake(long contributions, long answered, long linked, long heard, double share, String rule,
            List<UptakeGroup> provinces, List<UptakeGroup> districts, List<UptakeGroup> categories) {
    }

    /**
     * One group: its contributions, how many were answered, linked, heard (either), its share; for territories its
     * population, distinct participants and participants per 1,000 inhabitants (null for categories). '' is the
     * group of contributions whose place or category is not known.
     */
    public record UptakeGroup(String code, String name, long contributions, long answered, long linked, long heard,
            double share, Long population, Long participants, Double participantsPer1000, boolean heardLess) {
    }

    /** A territory's name and population, from the plan's territory version. */
    public record Place(String name, long population) {
    }

    private UptakeEquity() {
    }

    /**
     * @param cells the plan's public contributions by province, district and category
     * @param provinces the region's provinces by code; @param districts its districts by code
     * @param participants distinct participants by {@code province:X} and {@code district:X}
     * @param categoryName a category's label
     */
    public static Uptake of(List<UptakeCell> cells, Map<String, Place> provinces, Map<String, Place> districts,
            Map<String, Long> participants, Function<String, String> categoryName) {
        long[] all = new long[4];
        Map<String, long[]> byProvince = new LinkedHashMap<>();
        Map<String, long[]> byDistrict = new LinkedHashMap<>();
        Map<String, long[]> byCategory = new LinkedHashMap<>();
        provinces.keySet().forEach(code -> byProvince.put(code, new long[4]));
        districts.keySet().forEach(code -> byDistrict.put(code, new long[4]));
        for (UptakeCell c : cells) {
            add(all, c);
            add(byProvince.computeIfAbsent(key(c.province()), k -> new long[4]), c);
            add(byDistrict.computeIfAbsent(key(c.district()), k -> new long[4]), c);
            add(byCategory.computeIfAbsent(key(c.category()), k -> new long[4]), c);
        }
        double overall = share(all[3], all[0]);
        return new Uptake(all[0], all[1], all[2], all[3], round(overall), RULE,
                groups(byProvince, overall, provinces, participants, "province:", null),
                groups(byDistrict, overall, districts, participants, "district:", null),
                groups(byCategory, overall, Map.of(), participants, null, categoryName));
    }

    private static List<UptakeGroup> groups(Map<String, long[]> counts, double overall, Map<String, Place> places,
            Map<String, Long> participants, String participantKey, Function<String, String> name) {
        List<UptakeGroup> groups = new ArrayList<>();
        counts.forEach((code, r) -> {
            if (r[0] == 0 && !places.containsKey(code)) {
                return;
            }
            double share = share(r[3], r[0]);
            boolean less = r[0] >= MIN_CONTRIBUTIONS && share < overall * FLAG_RATIO;
            Place place = places.get(code);
            Long population = participantKey == null ? null : place == null ? null : place.population();
            Long people = participantKey == null || code.isEmpty()
                    ? null
                    : participants.getOrDefault(participantKey + code, 0L);
            Double per1000 = population == null || population == 0 || people == null
                    ? null
                    : round(people * 1000.0 / population);
            String label = name != null
                    ? (code.isEmpty() ? "Non indicata" : name.apply(code))
                    : place != null ? place.name() : code.isEmpty() ? "Non indicato" : code;
            groups.add(new UptakeGroup(code, label, r[0], r[1], r[2], r[3], round(share), population, people,
                    per1000, less));
        });
        groups.sort(Comparator.comparing(UptakeGroup::heardLess).reversed()
                .thenComparingDouble(UptakeGroup::share).thenComparing(UptakeGroup::code));
        return groups;
    }

    private static void add(long[] row, UptakeCell c) {
        row[0] += c.contributions();
        row[1] += c.answered();
        row[2] += c.linked();
        row[3] += c.heard();
    }

    private static String key(String code) {
        return code == null ? "" : code;
    }

    static double share(long heard, long contributions) {
        return contributions == 0 ? 0 : (double) heard / contributions;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
