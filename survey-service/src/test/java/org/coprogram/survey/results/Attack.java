package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

import org.coprogram.survey.results.Respondents.Kind;

/**
 * The public attacker of docs/privacy.md: reads published results slice by slice, turns every figure into a linear
 * equation over the counts of every kind of respondent that could exist, and looks for sets of kinds whose count
 * follows from the equations and is between 1 and k − 1 — single kinds, every pair of kinds, and every set described
 * by places × categories × one answer given or not given (all subsets of places and categories when there are few,
 * else those of at most two and the whole).
 */
final class Attack {

    private final List<Kind> kinds;
    private final List<String[]> places;
    private final List<String> categories;
    private final LinearAttacker solver;

    Attack(List<Kind> kinds, List<String[]> places, List<String> categories) {
        this.kinds = kinds;
        this.places = places;
        this.categories = categories;
        this.solver = new LinearAttacker(kinds.size());
    }

    int figures() {
        return solver.figures();
    }

    /** Every figure of one slice's published results. */
    void learn(String node, ResultsView view) {
        if (!view.suppressed()) {
            figure(node, k -> 1);
        }
        for (ResultsView.QuestionResult q : view.questions()) {
            if (q.answered() != null) {
                figure(node, k -> has(k, q.id() + "|"));
            }
            if (q.cells() != null) {
                List<String> pooled = q.cells().stream().filter(ResultsView.Cell::suppressed)
                        .map(ResultsView.Cell::value).toList();
                for (ResultsView.Cell cell : q.cells()) {
                    if (cell.suppressed()) {
                        continue;
                    }
                    if (cell.value().equals(ResultsBuilder.POOL)) {
                        figure(node, k -> pooled.stream().mapToLong(v -> has(k, q.id() + "|" + v)).sum());
                    } else {
                        figure(node, k -> has(k, q.id() + "|" + cell.value()));
                    }
                }
            }
            if (q.stats() != null && q.stats().mean() != null) {
                // mean × answered is the sum of the values: taken as an exact equation.
                figure(node, k -> k.tallies().stream()
                        .filter(t -> t.startsWith(q.id() + "|") && t.length() > q.id().length() + 1)
                        .mapToLong(t -> Long.parseLong(t.substring(q.id().length() + 1))).sum());
            }
            if (q.borda() != null) {
                int n = q.borda().size();
                for (ResultsView.Score score : q.borda()) {
                    if (!score.suppressed()) {
                        figure(node, k -> {
                            long points = 0;
                            for (int rank = 1; rank <= n; rank++) {
                                points += has(k, q.id() + "|" + score.option() + "|" + rank) * (n - rank);
                            }
                            return points;
                        });
                    }
                }
            }
        }
    }

    /**
     * The small counts that follow from what was learnt, described; empty when there are none. Every candidate set is
     * checked in the order {@link #candidates} lists them; a set's count and its first test against the null space
     * ({@link LinearAttacker#probe}) are sums over the set, added up from precomputed parts instead of member by member,
     * and only a set whose count is small and whose probe sum is zero is built and given to the solver in full.
     */
    List<String> smallCounts(Map<Kind, Integer> truth, int threshold) {
        int n = kinds.size();
        long[] counts = kinds.stream().mapToLong(k -> truth.getOrDefault(k, 0)).toArray();
        long[] probe = solver.probe();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                long count = counts[i] + (j == i ? 0 : counts[j]);
                long quick = (probe[i] + (j == i ? 0 : probe[j])) % LinearAttacker.P;
                if (count > 0 && count < threshold && quick == 0) {
                    boolean[] set = new boolean[n];
                    set[i] = true;
                    set[j] = true;
                    report(set, count, found);
                }
            }
        }
        List<String> tallies = tallies();
        List<int[]> predicates = predicates(tallies.size());
        // Kinds by place and category: a set is the kinds of the chosen groups that satisfy its predicate.
        int groups = places.size() * categories.size();
        long[][] groupCounts = new long[predicates.size()][groups];
        long[][] groupProbes = new long[predicates.size()][groups];
        long[] answers = new long[n];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            Kind k = kinds.get(i);
            int place = place(k);
            int category = categories.indexOf(k.category());
            group[i] = category < 0 ? -1 : place * categories.size() + category;
            for (String tally : k.tallies()) {
                answers[i] |= 1L << tallies.indexOf(tally);
            }
            for (int q = 0; q < predicates.size(); q++) {
                if (group[i] >= 0 && holds(answers[i], predicates.get(q))) {
                    groupCounts[q][group[i]] += counts[i];
                    groupProbes[q][group[i]] = (groupProbes[q][group[i]] + probe[i]) % LinearAttacker.P;
                }
            }
        }
        for (long placeMask : masks(places.size())) {
            for (long categoryMask : masks(categories.size())) {
                int[] chosen = groups(placeMask, categoryMask);
                for (int q = 0; q < predicates.size(); q++) {
                    long count = 0;
                    long quick = 0;
                    for (int g : chosen) {
                        count += groupCounts[q][g];
                        quick += groupProbes[q][g];
                    }
                    if (count > 0 && count < threshold && quick % LinearAttacker.P == 0) {
                        boolean[] members = new boolean[n];
                        for (int i = 0; i < n; i++) {
                            members[i] = group[i] >= 0 && (placeMask >> group[i] / categories.size() & 1) == 1
                                    && (categoryMask >> group[i] % categories.size() & 1) == 1
                                    && holds(answers[i], predicates.get(q));
                        }
                        report(members, count, found);
                    }
                }
            }
        }
        return found;
    }

    private void report(boolean[] set, long count, List<String> found) {
        if (solver.derives(set)) {
            found.add(describe(set) + " = " + count);
        }
    }

    private void figure(String node, ToLongFunction<Kind> weight) {
        long[] row = new long[kinds.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = kinds.get(i).in(node) ? weight.applyAsLong(kinds.get(i)) : 0;
        }
        solver.learn(row);
    }

    private static long has(Kind kind, String tally) {
        return kind.tallies().contains(tally) ? 1 : 0;
    }

    /** Every answer any kind gives, in order: bit {@code i} of a kind's answers is the {@code i}-th. */
    private List<String> tallies() {
        List<String> tallies = new ArrayList<>(new LinkedHashSet<>(kinds.stream().flatMap(k -> k.tallies().stream())
                .toList()));
        if (tallies.size() > Long.SIZE) {
            throw new IllegalArgumentException("more than 64 answers: " + tallies.size());
        }
        return tallies;
    }

    /**
     * The candidate sets beyond single kinds and pairs: kinds of some places and some categories that give one answer
     * or not, or two answers each given or not ({answer, given, …}).
     */
    private static List<int[]> predicates(int tallies) {
        List<int[]> predicates = new ArrayList<>();
        for (int a = 0; a < tallies; a++) {
            predicates.add(new int[]{a, 1});
            predicates.add(new int[]{a, 0});
            for (int b = a + 1; b < tallies; b++) {
                for (int signs = 0; signs < 4; signs++) {
                    predicates.add(new int[]{a, signs & 1, b, signs >> 1});
                }
            }
        }
        return predicates;
    }

    private int[] groups(long placeMask, long categoryMask) {
        List<Integer> chosen = new ArrayList<>();
        for (int p = 0; p < places.size(); p++) {
            for (int c = 0; c < categories.size(); c++) {
                if ((placeMask >> p & 1) == 1 && (categoryMask >> c & 1) == 1) {
                    chosen.add(p * categories.size() + c);
                }
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean holds(long answers, int[] predicate) {
        for (int p = 0; p < predicate.length; p += 2) {
            if ((answers >> predicate[p] & 1) != predicate[p + 1]) {
                return false;
            }
        }
        return true;
    }

    /** All non-empty subsets of {@code size} items when few, else those of one or two items and the whole. */
    private static List<Long> masks(int size) {
        List<Long> masks = new ArrayList<>();
        if (size <= 5) {
            for (long mask = 1; mask < 1L << size; mask++) {
                masks.add(mask);
            }
            return masks;
        }
        for (int i = 0; i < size; i++) {
            masks.add(1L << i);
            for (int j = i + 1; j < size; j++) {
                masks.add(1L << i | 1L << j);
            }
        }
        masks.add((1L << size) - 1);
        return masks;
    }

    private int place(Kind kind) {
        for (int i = 0; i < places.size(); i++) {
            if (Objects.equals(places.get(i)[0], kind.district()) && Objects.equals(places.get(i)[1],
                    kind.province())) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown place " + kind.district() + "/" + kind.province());
    }

    private String describe(boolean[] set) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
            if (set[i]) {
                Kind k = kinds.get(i);
                members.add(k.district() + "/" + k.province() + "/" + k.category() + k.tallies());
            }
        }
        return members.size() > 3 ? members.size() + " kinds incl. " + members.subList(0, 3) : members.toString();
    }
}
