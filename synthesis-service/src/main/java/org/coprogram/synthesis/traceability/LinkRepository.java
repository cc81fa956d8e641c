package org.coprogram.synthesis.traceability;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.readmodel.NativeRepository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The links between contributions and measures (V2_0__measure_links.sql), and the reads of the synthesis read model
 * they need: which contribution an id names, and the public contributions behind a measure. All SQL of the package.
 */
@ApplicationScoped
public class LinkRepository extends NativeRepository {

    private final ObjectMapper json;

    LinkRepository(ObjectMapper json) {
        this.json = json;
    }

    /** A contribution counts in public only if it is neither hidden, nor withdrawn, nor of an unpublished report. */
    static final String PUBLIC = " NOT c.hidden AND NOT c.restricted AND c.status IS DISTINCT FROM 'WITHDRAWN'";
    /** The proposal statuses that mean the region answered it (proposal.answered events). */
    static final String ANSWERED = "('ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOT_ACCEPTED', 'MERGED')";

    /** A row of the synthesis read model, as a link needs it. */
    record ContributionRow(UUID id, UUID planId, String source, boolean hidden, String status, boolean restricted) {
    }

    record SurveyRow(UUID id, UUID planId, String title) {
    }

    record LinkRow(UUID id, UUID planId, UUID measureId, String measureCode, String kind, String ref,
            UUID contributionId, UUID surveyId, String questionId, String clusterId, String clusterLabel,
            String outcome, String reason, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A linked contribution as the measure page and the open data show it. */
    record LinkedRow(LinkRow link, String title, String body, String theme, String category, String province,
            String district, Long responses) {
    }

    /** Contributions of one province, district and category: counted, answered, linked, answered or linked. */
    public record UptakeCell(String province, String district, String category, long contributions, long answered,
            long linked, long heard) {
    }

    /** Distinct participants of a province or a district ({@code level}). */
    public record Participants(String level, String code, long participants) {
    }

    /**
     * A link is public once its measure is in a published version (plan_measure holds exactly those): a link to a
     * measure still only in the draft is the region's working material, in no public figure, page, file or event.
     */
    static final String PUBLISHED_MEASURE = " EXISTS (SELECT 1 FROM plan_measure pm WHERE pm.measure_id = l.measure_id)";

    private static final String LINK_COLUMNS = "l.id, l.plan_id, l.measure_id, l.measure_code, l.kind, l.ref,"
            + " l.contribution_id, l.survey_id, l.question_id, l.cluster_id, l.cluster_label, l.outcome, l.reason,"
            + " l.created_by, l.created_at, l.updated_at";

    Uni<List<ContributionRow>> contributions(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rows("SELECT c.id, c.plan_id, c.source, c.hidden, c.status, c.restricted FROM contribution c"
                + " WHERE c.id IN (:ids)", named("ids", List.copyOf(ids)))
                .map(rows -> rows.stream().map(r -> new ContributionRow((UUID) r[0], (UUID) r[1], (String) r[2],
                        Boolean.TRUE.equals(r[3]), (String) r[4], Boolean.TRUE.equals(r[5]))).toList());
    }

    Uni<List<SurveyRow>> surveys(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rows("SELECT survey_id, plan_id, title FROM survey_summary WHERE survey_id IN (:ids)",
                named("ids", List.copyOf(ids)))
                .map(rows -> rows.stream().map(r -> new SurveyRow((UUID) r[0], (UUID) r[1], (String) r[2]))
                        .toList());
    }

    /** The refs already linked to the measure. */
    Uni<Set<String>> linkedRefs(UUID measureId) {
        return rows("SELECT ref, 1 FROM measure_link WHERE measure_id = :measure", named("measure", measureId))
                .map(rows -> {
                    Set<String> refs = new HashSet<>();
                    rows.forEach(r -> refs.add((String) r[0]));
                    return refs;
                });
    }

    Uni<Void> insert(LinkRow l) {
        return update("INSERT INTO measure_link (id, plan_id, measure_id, measure_code, kind, ref, contribution_id,"
                + " survey_id, question_id, cluster_id, cluster_label, outcome, reason, created_by, created_at,"
                + " updated_at) VALUES (:id, :plan, :measure, :code, :kind, :ref, :contribution, :survey, :question,"
                + " :cluster, :label, :outcome, :reason, :by, :at, :at)",
                named("id", l.id(), "plan", l.planId(), "measure", l.measureId(), "code", l.measureCode(), "kind",
                        l.kind(), "ref", l.ref(), "contribution", l.contributionId(), "survey", l.surveyId(),
                        "question", l.questionId(), "cluster", l.clusterId(), "label", l.clusterLabel(), "outcome",
                        l.outcome(), "reason", l.reason(), "by", l.createdBy(), "at", l.createdAt()))
                .replaceWithVoid();
    }

    /** The most links {@link #insertAll} writes in one statement (16 parameters each). */
    static final int ROWS_PER_INSERT = 500;

    /**
     * The links, as {@link #insert} writes one, in one multi-row statement per {@value #ROWS_PER_INSERT} (a bulk link
     * of 500 is one statement, not 500).
     */
    Uni<Void> insertAll(List<LinkRow> links) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < links.size(); from += ROWS_PER_INSERT) {
            List<LinkRow> chunk = links.subList(from, Math.min(links.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO measure_link (id, plan_id, measure_id, measure_code,"
                    + " kind, ref, contribution_id, survey_id, question_id, cluster_id, cluster_label, outcome, reason,"
                    + " created_by, created_at, updated_at) VALUES ");
            Map<String, Object> values = new java.util.HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                LinkRow l = chunk.get(i);
                sql.append(i == 0 ? "" : ", ").append(String.format("(:id%1$d, :plan%1$d, :measure%1$d, :code%1$d,"
                        + " :kind%1$d, :ref%1$d, CAST(:contribution%1$d AS uuid), CAST(:survey%1$d AS uuid),"
                        + " :question%1$d, :cluster%1$d, :label%1$d, :outcome%1$d, :reason%1$d, :by%1$d, :at%1$d,"
                        + " :at%1$d)", i));
                values.putAll(named("id" + i, l.id(), "plan" + i, l.planId(), "measure" + i, l.measureId(),
                        "code" + i, l.measureCode(), "kind" + i, l.kind(), "ref" + i, l.ref(), "contribution" + i,
                        l.contributionId(), "survey" + i, l.surveyId(), "question" + i, l.questionId(),
                        "cluster" + i, l.clusterId(), "label" + i, l.clusterLabel(), "outcome" + i, l.outcome(),
                        "reason" + i, l.reason(), "by" + i, l.createdBy(), "at" + i, l.createdAt()));
            }
            done = done.chain(() -> update(sql.toString(), values)).replaceWithVoid();
        }
        return done;
    }

    /** The link locked until the transaction ends; null if there is none. */
    Uni<LinkRow> lock(UUID linkId) {
        return rows("SELECT " + LINK_COLUMNS + " FROM measure_link l WHERE l.id = :id FOR UPDATE",
                named("id", linkId)).map(rows -> rows.isEmpty() ? null : link(rows.get(0)));
    }

    Uni<Void> change(UUID linkId, String outcome, String reason, OffsetDateTime at) {
        return update("UPDATE measure_link SET outcome = :outcome, reason = :reason, updated_at = :at,"
                + " revision = nextval('measure_link_revision') WHERE id = :id",
                named("id", linkId, "outcome", outcome, "reason", reason, "at", at)).replaceWithVoid();
    }

    Uni<Void> delete(UUID linkId) {
        return update("DELETE FROM measure_link WHERE id = :id", named("id", linkId)).replaceWithVoid();
    }

    /** The public links of one proposal (to published measures), oldest first. */
    Uni<List<LinkRow>> ofContribution(UUID contributionId) {
        return rows("SELECT " + LINK_COLUMNS + " FROM measure_link l WHERE l.contribution_id = :id AND"
                + PUBLISHED_MEASURE + " ORDER BY l.created_at, l.id", named("id", contributionId))
                .map(rows -> rows.stream().map(LinkRepository::link).toList());
    }

    /** Whether the measure is in a published version of its plan. */
    Uni<Boolean> published(UUID measureId) {
        return rows("SELECT count(*), 1 FROM plan_measure WHERE measure_id = :measure", named("measure", measureId))
                .map(rows -> number(rows.get(0)[0]) > 0);
    }

    /** Every link to these measures, oldest first. */
    Uni<List<LinkRow>> ofMeasures(Collection<UUID> measureIds) {
        if (measureIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rows("SELECT " + LINK_COLUMNS + " FROM measure_link l WHERE l.measure_id IN (:measures)"
                + " ORDER BY l.created_at, l.id", named("measures", measureIds))
                .map(rows -> rows.stream().map(LinkRepository::link).toList());
    }

    /** Whether the contribution is a public one (a proposal that is not hidden); null if the read model has none. */
    Uni<ContributionRow> contribution(UUID id) {
        return contributions(List.of(id)).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** One count of a measure's page: {@code dimension} province, district, category or total; '' for not known. */
    record CountCell(String dimension, String code, long contributions) {
    }

    /**
     * A measure's public counts (the contributions behind it, its public links' total), and the {@code links_version}
     * they were found at (V2_3__measure_counts.sql); {@code current} when they are the kept ones and still hold.
     */
    record MeasureCounts(long linksVersion, boolean current, long linkedTotal, List<CountCell> cells) {
    }

    /**
     * The measure's kept counts and whether they still hold: computed at the measure's current links version, less than
     * 10 minutes ago, and no contribution of the plan changed by a transaction that had not ended when they were
     * computed (the plan's latest change is below their snapshot's xmin: one step down the (plan_id, tx) index, where
     * a NOT EXISTS was planned as a scan of the whole log). Null if the measure has no row (no link was made or
     * removed since V2_3 and nothing was computed).
     */
    Uni<MeasureCounts> keptCounts(UUID measureId, UUID planId) {
        return rows("SELECT mc.links_version, coalesce(mc.computed_version = mc.links_version"
                + " AND mc.computed_at > now() - interval '10 minutes' AND coalesce((SELECT max(ch.tx) FROM"
                + " contribution_change ch WHERE ch.plan_id = :plan), 0) < mc.computed_xmin, false),"
                + " mc.linked_total, mc.counts::text FROM measure_count mc WHERE mc.measure_id = :measure",
                named("measure", measureId, "plan", planId)).map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    boolean current = Boolean.TRUE.equals(r[1]);
                    return new MeasureCounts(number(r[0]), current, number(r[2]),
                            current ? cells((String) r[3]) : List.of());
                });
    }

    /** What {@link #computeCounts} found: the counts, as JSON to keep, and the xmin of the snapshot they were read in. */
    record ComputedCounts(long linkedTotal, String cellsJson, long xmin) {
    }

    /**
     * The public contributions behind the measure, counted by province, district and category ('' for not known):
     * the linked rows, and the responses of each linked survey question's survey; and the measure's links to public
     * contributions. Each link is one probe of {@code contribution}'s primary key (the LIMIT 1 subqueries keep the
     * planner from hash-joining against a scan of every contribution, docs/performance.md "Plan pages").
     */
    Uni<ComputedCounts> computeCounts(UUID measureId) {
        String behind = "WITH behind AS (SELECT l.contribution_id AS id FROM measure_link l"
                + " WHERE l.measure_id = :measure AND l.contribution_id IS NOT NULL UNION"
                + " SELECT r.id FROM measure_link l CROSS JOIN LATERAL (SELECT r.id FROM contribution r"
                + " WHERE r.parent_id = l.survey_id AND r.source = 'SURVEY' OFFSET 0) r"
                + " WHERE l.measure_id = :measure AND l.survey_id IS NOT NULL),"
                + " counted AS (SELECT c.province, c.district, c.category FROM behind b CROSS JOIN LATERAL"
                + " (SELECT c.province, c.district, c.category FROM contribution c WHERE c.id = b.id AND" + PUBLIC
                + " LIMIT 1) c),"
                + " cells AS (SELECT 'province' AS d, coalesce(province, '') AS c, count(*) AS n FROM counted GROUP BY 2"
                + " UNION ALL SELECT 'district', coalesce(district, ''), count(*) FROM counted GROUP BY 2"
                + " UNION ALL SELECT 'category', coalesce(category, ''), count(*) FROM counted GROUP BY 2"
                + " UNION ALL SELECT 'total', '', count(*) FROM counted)";
        return rows(behind + " SELECT (SELECT count(*) FROM measure_link l" + LINK_CONTRIBUTION
                + " LEFT JOIN survey_summary s ON s.survey_id = l.survey_id WHERE l.measure_id = :measure"
                + LINKED_PUBLIC + "), (SELECT jsonb_agg(jsonb_build_object('d', d, 'c', c, 'n', n)) FROM cells)::text,"
                + " pg_snapshot_xmin(pg_current_snapshot())::text::bigint", named("measure", measureId))
                .map(rows -> new ComputedCounts(number(rows.get(0)[0]), (String) rows.get(0)[1],
                        number(rows.get(0)[2])));
    }

    /**
     * Keeps the counts computed at {@code linksVersion}, unless a link of the measure was made or removed since (the
     * row's version moved on) or a link write holds the row now (then the next reader computes them again).
     */
    Uni<Void> keepCounts(UUID measureId, boolean rowExists, long linksVersion, ComputedCounts computed) {
        Map<String, Object> values = named("measure", measureId, "version", linksVersion, "xmin", computed.xmin(),
                "total", computed.linkedTotal(), "counts", computed.cellsJson());
        String set = " computed_version = :version, computed_xmin = :xmin, computed_at = now(),"
                + " linked_total = :total, counts = CAST(:counts AS jsonb)";
        return (rowExists
                ? update("WITH target AS (SELECT measure_id FROM measure_count WHERE measure_id = :measure"
                        + " AND links_version = :version FOR UPDATE SKIP LOCKED) UPDATE measure_count mc SET" + set
                        + " FROM target WHERE mc.measure_id = target.measure_id", values)
                : update("INSERT INTO measure_count (measure_id, links_version, computed_version, computed_xmin,"
                        + " computed_at, linked_total, counts) VALUES (:measure, :version, :version, :xmin, now(),"
                        + " :total, CAST(:counts AS jsonb)) ON CONFLICT (measure_id) DO NOTHING", values))
                .replaceWithVoid();
    }

    List<CountCell> cells(String json) {
        List<CountCell> cells = new ArrayList<>();
        if (json == null) {
            return cells;
        }
        try {
            for (JsonNode cell : this.json.readTree(json)) {
                cells.add(new CountCell(cell.get("d").asText(), cell.get("c").asText(), cell.get("n").asLong()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("measure_count.counts is not the JSON V2_3 describes", e);
        }
        return cells;
    }

    /** A link's contribution, probed by primary key (see {@link #computeCounts}): alias {@code c}. */
    private static final String LINK_CONTRIBUTION = " LEFT JOIN LATERAL (SELECT c.id, c.title, c.body, c.theme,"
            + " c.category, c.province, c.district, c.hidden, c.restricted, c.status FROM contribution c"
            + " WHERE c.id = l.contribution_id LIMIT 1) c ON true";

    private static final String RESPONSES = "(SELECT count(*) FROM contribution r WHERE r.parent_id ="
            + " l.survey_id AND r.source = 'SURVEY' AND NOT r.hidden)";

    private static final String LINKED = "SELECT " + LINK_COLUMNS + ", coalesce(c.title, s.title), c.body, c.theme,"
            + " c.category, c.province, c.district, " + RESPONSES + " FROM measure_link l"
            + " LEFT JOIN contribution c ON c.id = l.contribution_id"
            + " LEFT JOIN survey_summary s ON s.survey_id = l.survey_id";
    /** The same columns for one measure's page: each link's contribution probed by primary key. */
    private static final String LINKED_OF_MEASURE = "SELECT " + LINK_COLUMNS + ", coalesce(c.title, s.title),"
            + " c.body, c.theme, c.category, c.province, c.district, " + RESPONSES + " FROM measure_link l"
            + LINK_CONTRIBUTION + " LEFT JOIN survey_summary s ON s.survey_id = l.survey_id";
    private static final String LINKED_PUBLIC = " AND ((l.survey_id IS NOT NULL AND s.survey_id IS NOT NULL)"
            + " OR (c.id IS NOT NULL AND" + PUBLIC + "))";

    /** Where a page of a measure's links starts: after the link created at {@code createdAt} with {@code id}. */
    record LinkCursor(OffsetDateTime createdAt, UUID id) {
    }

    /**
     * A page of the measure's links to public contributions, oldest first: {@code size} of them after {@code after}
     * (keyset: reads from the index position on, however deep), or else from {@code offset}.
     */
    Uni<List<LinkedRow>> linked(UUID measureId, LinkCursor after, int offset, int size) {
        Map<String, Object> values = named("measure", measureId, "size", size, "offset", after == null ? offset : 0);
        String from = "";
        if (after != null) {
            from = " AND (l.created_at, l.id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))";
            values.put("afterAt", after.createdAt());
            values.put("afterId", after.id());
        }
        return rows(LINKED_OF_MEASURE + " WHERE l.measure_id = :measure" + from + LINKED_PUBLIC
                + " ORDER BY l.created_at, l.id LIMIT :size OFFSET :offset", values)
                .map(rows -> rows.stream().map(LinkRepository::linkedRow).toList());
    }

    /** Every link of the plan to a public contribution, by measure code and age: the open data's rows. */
    Uni<List<LinkedRow>> linkedOfPlan(UUID planId) {
        return rows(LINKED + " WHERE l.plan_id = :plan AND" + PUBLISHED_MEASURE + LINKED_PUBLIC
                + " ORDER BY l.measure_code, l.created_at,"
                + " l.id", named("plan", planId)).map(rows -> rows.stream().map(LinkRepository::linkedRow).toList());
    }

    /**
     * What the plan's uptake figures are kept by: it changes with every link made, changed or removed, and with every
     * measure published for the first time (its links become public).
     */
    public Uni<List<Long>> stamp(UUID planId) {
        return rows("SELECT count(*), coalesce(max(revision), 0), (SELECT count(*) FROM plan_measure"
                + " WHERE plan_id = :plan) FROM measure_link WHERE plan_id = :plan", named("plan", planId))
                .map(rows -> List.of(number(rows.get(0)[0]), number(rows.get(0)[1]), number(rows.get(0)[2])));
    }

    /**
     * The plan's public contributions (imported comments aside, which no link can name) by province, district and
     * category, with how many were answered (proposals) or linked to a measure (a survey response through its survey's
     * question).
     */
    public Uni<List<UptakeCell>> uptake(UUID planId) {
        String answered = "(c.source = 'PROPOSAL' AND c.status IN " + ANSWERED + ")";
        String linked = "(EXISTS (SELECT 1 FROM measure_link l WHERE l.contribution_id = c.id AND" + PUBLISHED_MEASURE
                + ") OR (c.source = 'SURVEY' AND EXISTS (SELECT 1 FROM measure_link l WHERE l.survey_id = c.parent_id"
                + " AND" + PUBLISHED_MEASURE + ")))";
        return rows("SELECT c.province, c.district, c.category, count(*), count(*) FILTER (WHERE " + answered + "),"
                + " count(*) FILTER (WHERE " + linked + "), count(*) FILTER (WHERE " + answered + " OR " + linked
                + ") FROM contribution c WHERE c.plan_id = :plan AND c.source <> 'COMMENT' AND" + PUBLIC
                + " GROUP BY 1, 2, 3", named("plan", planId))
                .map(rows -> rows.stream().map(r -> new UptakeCell((String) r[0], (String) r[1], (String) r[2],
                        number(r[3]), number(r[4]), number(r[5]), number(r[6]))).toList());
    }

    /** Distinct participants per province and per district of the plan. */
    public Uni<List<Participants>> participants(UUID planId) {
        return rows("SELECT 'province', province, count(DISTINCT participant) FROM participant_presence"
                + " WHERE plan_id = :plan AND province IS NOT NULL GROUP BY province UNION ALL"
                + " SELECT 'district', district, count(DISTINCT participant) FROM participant_presence"
                + " WHERE plan_id = :plan AND district IS NOT NULL GROUP BY district", named("plan", planId))
                .map(rows -> {
                    List<Participants> found = new ArrayList<>();
                    rows.forEach(r -> found.add(new Participants((String) r[0], (String) r[1], number(r[2]))));
                    return found;
                });
    }

    private static LinkRow link(Object[] r) {
        return new LinkRow((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5],
                (UUID) r[6], (UUID) r[7], (String) r[8], (String) r[9], (String) r[10], (String) r[11],
                (String) r[12], (String) r[13], (OffsetDateTime) r[14], (OffsetDateTime) r[15]);
    }

    private static LinkedRow linkedRow(Object[] r) {
        LinkRow link = link(r);
        return new LinkedRow(link, (String) r[16], (String) r[17], (String) r[18], (String) r[19], (String) r[20],
                (String) r[21], link.surveyId() == null ? null : number(r[22]));
    }

}
