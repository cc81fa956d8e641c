package org.coprogram.survey.results;

import java.util.List;
import java.util.Map;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;

/**
 * The slice asked for: the whole region, one province, one district or one stakeholder category. Slices that cross
 * the territory with a category are not published: they are where differences between figures would single people
 * out (docs/privacy.md). A district may come with its own province.
 */
public record Filters(String province, String district, String category) {

    /**
     * The lattice node of this slice.
     *
     * @param provinceOfDistrict district code → province code, for the districts published as slices
     */
    String node(Map<String, String> provinceOfDistrict) {
        if (category != null && (province != null || district != null)) {
            throw ProblemException.badRequest("Filtri non combinabili", List.of(new Violation("category",
                    "i risultati sono pubblicati per provincia, per ambito o per categoria, uno alla volta")));
        }
        if (category != null) {
            return Lattice.category(category);
        }
        if (district != null) {
            String home = provinceOfDistrict.get(district);
            if (home == null) {
                throw ProblemException.badRequest("Filtri non validi", List.of(new Violation("district",
                        "ambito senza risultati pubblicati: non appartiene a una sola provincia della regione del piano")));
            }
            if (province != null && !province.equals(home)) {
                throw ProblemException.badRequest("Filtri non validi",
                        List.of(new Violation("district", "l'ambito non è nella provincia indicata")));
            }
            return Lattice.district(district);
        }
        return province != null ? Lattice.province(province) : Lattice.ROOT;
    }
}
