package org.coprogram.synthesis.plandocument;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.coprogram.synthesis.plandocument.PlanDocument.MeasureResource;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;

/**
 * A document's resources summed per funding source and year, per source, per year and in all: exact sums of the
 * measures' amounts, to the cent (BigDecimal, never a double). Sources in the configured order, years ascending.
 */
public record ResourceTotals(List<ResourceSum> bySourceAndYear, List<ResourceSum> bySource, List<ResourceSum> byYear,
        BigDecimal total) {

    /** A sum; {@code source} or {@code year} is null where the sum runs over all of them. */
    public record ResourceSum(String source, Integer year, BigDecimal amount) {
    }

    public static ResourceTotals of(PlanDocument document, List<String> sourceOrder) {
        Map<String, Map<Integer, BigDecimal>> cells = new TreeMap<>(
                (a, b) -> Integer.compare(rank(sourceOrder, a), rank(sourceOrder, b)) != 0
                        ? Integer.compare(rank(sourceOrder, a), rank(sourceOrder, b))
                        : a.compareTo(b));
        Map<Integer, BigDecimal> years = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (PlanMeasure measure : document.measures()) {
            for (MeasureResource resource : measure.resources()) {
                cells.computeIfAbsent(resource.source(), s -> new TreeMap<>()).merge(resource.year(),
                        resource.amount(), BigDecimal::add);
                years.merge(resource.year(), resource.amount(), BigDecimal::add);
                total = total.add(resource.amount());
            }
        }
        List<ResourceSum> bySourceAndYear = new ArrayList<>();
        List<ResourceSum> bySource = new ArrayList<>();
        cells.forEach((source, perYear) -> {
            perYear.forEach((year, amount) -> bySourceAndYear.add(new ResourceSum(source, year, amount)));
            bySource.add(new ResourceSum(source, null,
                    perYear.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add)));
        });
        List<ResourceSum> byYear = new ArrayList<>();
        years.forEach((year, amount) -> byYear.add(new ResourceSum(null, year, amount)));
        return new ResourceTotals(bySourceAndYear, bySource, byYear, total);
    }

    /** One measure's resources in all. */
    public static BigDecimal of(PlanMeasure measure) {
        return measure.resources().stream().map(MeasureResource::amount).reduce(BigDecimal.ZERO.setScale(2),
                BigDecimal::add);
    }

    private static int rank(List<String> order, String source) {
        int at = order.indexOf(source);
        return at < 0 ? order.size() : at;
    }
}
