package org.coprogram.synthesis.traceability;

import java.util.List;

import org.coprogram.common.csv.CsvWriter;
import org.coprogram.synthesis.traceability.LinkRepository.LinkedRow;

/**
 * The plan's links as open data ({@code GET /api/plans/{planId}/links.csv}), columns documented in
 * docs/plan-document.md: one row per link to a public contribution, with stable ids (the link's, the measure's
 * public id and code, the contribution's read-model id). No contribution text and no person.
 */
final class LinksCsv {

    static final List<String> HEADER = List.of("link_id", "measure_id", "measure_code", "contribution_kind",
            "contribution_id", "outcome", "reason", "cluster_id", "cluster_label", "province", "district",
            "category", "linked_at", "updated_at");

    private LinksCsv() {
    }

    static String of(List<LinkedRow> rows) {
        StringBuilder out = new StringBuilder();
        CsvWriter csv = CsvWriter.to(out).row(HEADER);
        for (LinkedRow r : rows) {
            LinkRepository.LinkRow l = r.link();
            csv.row(l.id().toString(), l.measureId().toString(), l.measureCode(), l.kind(), l.ref(), l.outcome(),
                    l.reason(), l.clusterId(), l.clusterLabel(), r.province(), r.district(), r.category(),
                    l.createdAt().toString(), l.updatedAt().toString());
        }
        csv.flush();
        return out.toString();
    }
}
