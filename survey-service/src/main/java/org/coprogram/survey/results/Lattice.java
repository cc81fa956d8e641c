package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed lattice of slices that results are published on: the whole region ({@link #ROOT}), each province, each
 * district, each stakeholder category. Two trees share the root: region → provinces → districts, and region →
 * categories. No slice crosses the two trees, so the published figures of one tree say nothing about the cells of
 * the other (docs/privacy.md). Each node holds the counts of the tallies of the responses it contains.
 */
final class Lattice {

    static final String ROOT = "region";

    /** One family: a parent node and its children, listed top-down so parents are decided before children. */
    record Family(String parent, List<String> children) {
    }

    /** Counted tallies of the responses in one group (district, province, category); district or province may be null. */
    record TallyRow(String district, String province, String category, String tally, long count) {
    }

    private final Map<String, Map<String, Long>> counts = new HashMap<>();
    private final List<Family> families = new ArrayList<>();

    /**
     * @param provinceDistricts each province of the region (in order) with its districts
     * @param categories every stakeholder category
     */
    Lattice(Map<String, List<String>> provinceDistricts, List<String> categories, List<TallyRow> rows) {
        List<String> provinceNodes = new ArrayList<>();
        for (Map.Entry<String, List<String>> province : provinceDistricts.entrySet()) {
            provinceNodes.add(province(province.getKey()));
        }
        families.add(new Family(ROOT, provinceNodes));
        families.add(new Family(ROOT, categories.stream().map(Lattice::category).toList()));
        for (Map.Entry<String, List<String>> province : provinceDistricts.entrySet()) {
            families.add(new Family(province(province.getKey()),
                    province.getValue().stream().map(Lattice::district).toList()));
        }
        counts.put(ROOT, new HashMap<>());
        for (Family family : families) {
            family.children().forEach(child -> counts.put(child, new HashMap<>()));
        }
        for (TallyRow row : rows) {
            add(ROOT, row);
            if (row.province() != null) {
                add(province(row.province()), row);
            }
            if (row.district() != null) {
                add(district(row.district()), row);
            }
            add(category(row.category()), row);
        }
    }

    static String province(String code) {
        return "province:" + code;
    }

    static String district(String code) {
        return "district:" + code;
    }

    static String category(String code) {
        return "category:" + code;
    }

    private void add(String node, TallyRow row) {
        Map<String, Long> tallies = counts.get(node);
        if (tallies != null) {
            tallies.merge(row.tally(), row.count(), Long::sum);
        }
    }

    List<Family> families() {
        return families;
    }

    long count(String node, String tally) {
        return counts.getOrDefault(node, Map.of()).getOrDefault(tally, 0L);
    }

    /** The tallies of a node that start with {@code prefix}, for statistics over free numbers. */
    Map<String, Long> tallies(String node, String prefix) {
        Map<String, Long> found = new LinkedHashMap<>();
        counts.getOrDefault(node, Map.of()).forEach((tally, count) -> {
            if (tally.startsWith(prefix) && tally.length() > prefix.length() && count > 0) {
                found.put(tally.substring(prefix.length()), count);
            }
        });
        return found;
    }
}
