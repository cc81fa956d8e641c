package org.coprogram.survey.results;

import java.util.List;
import java.util.Map;

/**
 * A group of figures published together for a slice, with the classes of respondents they let anyone count: the
 * respondents; a question (its answer options, who skipped it, who was not shown it); one option of a multiple
 * choice or of a ranking. A unit is published only on slices where its parent unit is, so the units nest like the
 * questions do (docs/privacy.md explains why that matters).
 *
 * @param publishable false when the unit may never be shown (its condition's option is pooled with others)
 * @param regionOnly true when the unit may be shown on the whole region only: its classes are places, so on a
 *        category they would cross the two trees of the lattice
 */
record Unit(String id, Unit parent, List<Klass> classes, boolean publishable, boolean regionOnly) {

    Unit(String id, Unit parent, List<Klass> classes, boolean publishable) {
        this(id, parent, classes, publishable, false);
    }

    /** A class of respondents whose count is a fixed sum and difference of tallies. */
    record Klass(String name, Map<String, Integer> terms) {

        long at(Lattice lattice, String node) {
            long count = 0;
            for (Map.Entry<String, Integer> term : terms.entrySet()) {
                count += term.getValue() * lattice.count(node, term.getKey());
            }
            return count;
        }
    }
}
