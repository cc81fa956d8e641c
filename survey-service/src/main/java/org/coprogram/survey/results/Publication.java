package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On which slices each unit is published. A unit is shown on the region if every class it counts there is safe;
 * then, family by family from the top, on each child whose classes are all safe — as long as what is left of the
 * parent once the shown children are taken away (the other children and the people placed in none) is safe in every
 * class too; otherwise children are withdrawn, smallest first, until it is. So every count that subtracting shown
 * figures can reach — a shown slice, a leftover, or a sum of them — is safe. A unit is only considered where its
 * parent unit is shown.
 */
final class Publication {

    private final Map<Unit, Set<String>> shown = new HashMap<>();

    private Publication() {
    }

    static Publication decide(Lattice lattice, List<Unit> units, Disclosure disclosure) {
        Publication publication = new Publication();
        for (Unit unit : units) {
            Set<String> allowed = unit.parent() == null ? null : publication.shown.get(unit.parent());
            publication.shown.put(unit, publication.nodes(lattice, unit, allowed, disclosure));
        }
        return publication;
    }

    boolean shown(Unit unit, String node) {
        return shown.getOrDefault(unit, Set.of()).contains(node);
    }

    private Set<String> nodes(Lattice lattice, Unit unit, Set<String> allowed, Disclosure disclosure) {
        Set<String> nodes = new HashSet<>();
        if (!unit.publishable() || !permitted(allowed, Lattice.ROOT)
                || !safe(lattice, unit, Lattice.ROOT, disclosure)) {
            return nodes;
        }
        nodes.add(Lattice.ROOT);
        if (unit.regionOnly()) {
            return nodes;
        }
        for (Lattice.Family family : lattice.families()) {
            if (!nodes.contains(family.parent())) {
                continue;
            }
            List<String> children = new ArrayList<>(family.children().stream()
                    .filter(child -> permitted(allowed, child) && safe(lattice, unit, child, disclosure)).toList());
            while (!children.isEmpty()) {
                List<Unit.Klass> unsafe = unsafeRemainder(lattice, unit, family.parent(), children, disclosure);
                if (unsafe.isEmpty()) {
                    break;
                }
                String withdrawn = children.stream()
                        .filter(child -> unsafe.stream().anyMatch(k -> k.at(lattice, child) > 0))
                        .min(Comparator.comparingLong((String child) -> size(lattice, unit, child))
                                .thenComparing(Comparator.naturalOrder()))
                        .orElse(null);
                if (withdrawn == null) {
                    children.clear();
                } else {
                    children.remove(withdrawn);
                }
            }
            nodes.addAll(children);
        }
        return nodes;
    }

    private static boolean permitted(Set<String> allowed, String node) {
        return allowed == null || allowed.contains(node);
    }

    private static boolean safe(Lattice lattice, Unit unit, String node, Disclosure disclosure) {
        return unit.classes().stream().allMatch(k -> disclosure.safe(k.at(lattice, node)));
    }

    /** The classes in which the parent less its shown children counts a few people. */
    private static List<Unit.Klass> unsafeRemainder(Lattice lattice, Unit unit, String parent, List<String> children,
            Disclosure disclosure) {
        List<Unit.Klass> unsafe = new ArrayList<>();
        for (Unit.Klass klass : unit.classes()) {
            long remainder = klass.at(lattice, parent);
            for (String child : children) {
                remainder -= klass.at(lattice, child);
            }
            if (!disclosure.safe(remainder)) {
                unsafe.add(klass);
            }
        }
        return unsafe;
    }

    private static long size(Lattice lattice, Unit unit, String node) {
        return unit.classes().stream().mapToLong(k -> k.at(lattice, node)).sum();
    }
}
