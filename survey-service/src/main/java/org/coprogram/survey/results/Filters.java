package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A slice of the respondents: by province, district and stakeholder category, each optional. Its parents are the
 * slices with one filter fewer; comparing a slice with its parents is how a difference of cells could leak.
 */
public record Filters(String province, String district, String category) {

    /** Column → value of each filter that is set. */
    Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        if (province != null) {
            columns.put("province", province);
        }
        if (district != null) {
            columns.put("district", district);
        }
        if (category != null) {
            columns.put("category", category);
        }
        return columns;
    }

    List<Filters> parents() {
        List<Filters> parents = new ArrayList<>();
        if (province != null) {
            parents.add(new Filters(null, district, category));
        }
        if (district != null) {
            parents.add(new Filters(province, null, category));
        }
        if (category != null) {
            parents.add(new Filters(province, district, null));
        }
        return parents;
    }

    /** SQL condition over the response row; values come from named parameters of the same names. */
    String condition() {
        Map<String, String> columns = columns();
        if (columns.isEmpty()) {
            return "TRUE";
        }
        return String.join(" AND ", columns.keySet().stream().map(c -> "r." + c + " = :" + c).toList());
    }
}
