package org.coprogram.proposal.export;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.proposal.export.ExportRows.MyAction;
import org.coprogram.proposal.export.ExportRows.MyComment;
import org.coprogram.proposal.export.ExportRows.MyFlag;
import org.coprogram.proposal.export.ExportRows.MyOrganisationClaim;
import org.coprogram.proposal.export.ExportRows.MyProposal;
import org.coprogram.proposal.export.ExportRows.MySupport;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every statement of the export: one keyset page of one person's rows at a time ({@code (time, id) > (last)}, at most
 * {@code limit} rows), by the account for what is stored under it and by the pseudonym for supports and flags. No
 * statement reads a row of anyone else.
 */
@ApplicationScoped
public class PersonalExportRepository {

    private static final String PROPOSALS = """
            SELECT id, plan_id, kind, title, body, theme, municipality, organization, status, visibility, supports,
                   answer_text, answered_at, merged_into, withdrawn_at, created_at, updated_at
            FROM proposal
            WHERE author_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
            ORDER BY created_at, id LIMIT $4""";

    private static final String SUPPORTS = """
            SELECT s.proposal_id, p.title, s.created_at
            FROM support s JOIN proposal p ON p.id = s.proposal_id
            WHERE s.supporter = $1 AND ($2::timestamptz IS NULL OR (s.created_at, s.proposal_id) > ($2, $3))
            ORDER BY s.created_at, s.proposal_id LIMIT $4""";

    private static final String FLAGS = """
            SELECT target_type, target_id, reason, details, created_at FROM (
                SELECT 'PROPOSAL' AS target_type, proposal_id AS target_id, reason, details, created_at
                FROM flag WHERE flagger = $1
                UNION ALL
                SELECT 'COMMENT', comment_id, reason, details, created_at FROM comment_flag WHERE flagger = $1) f
            WHERE $2::timestamptz IS NULL OR (created_at, target_id) > ($2, $3)
            ORDER BY created_at, target_id LIMIT $4""";

    private static final String COMMENTS = """
            SELECT id, target_type, target_id, parent_id, body, organization, visibility, created_at, edited_at,
                   deleted_at
            FROM comment
            WHERE author_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
            ORDER BY created_at, id LIMIT $4""";

    private static final String CLAIMS = """
            SELECT r.organization_id, o.name, o.region, o.verified, r.username, r.added_at
            FROM organization_representative r JOIN organization o ON o.id = r.organization_id
            WHERE r.account_id = $1 AND ($2::timestamptz IS NULL OR (r.added_at, r.organization_id) > ($2, $3))
            ORDER BY r.added_at, r.organization_id LIMIT $4""";

    private static final String ACTIONS = """
            SELECT id, occurred_at, action, target_type, target_id, details
            FROM audit_entry
            WHERE actor = $1 AND ($2::timestamptz IS NULL OR (occurred_at, id) > ($2, $3))
            ORDER BY occurred_at, id LIMIT $4""";

    private final Pool pool;

    PersonalExportRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<MyProposal>> proposals(String accountId, MyProposal after, int limit) {
        return page(PROPOSALS, accountId, after == null ? null : after.createdAt(), after == null ? null : after.id(),
                limit, row -> new MyProposal(row.getUUID("id"), row.getUUID("plan_id"), row.getString("kind"),
                        row.getString("title"), row.getString("body"), row.getString("theme"),
                        row.getString("municipality"), row.getString("organization"), row.getString("status"),
                        row.getString("visibility"), row.getInteger("supports"), row.getString("answer_text"),
                        row.getOffsetDateTime("answered_at"), row.getUUID("merged_into"),
                        row.getOffsetDateTime("withdrawn_at"), row.getOffsetDateTime("created_at"),
                        row.getOffsetDateTime("updated_at")));
    }

    public Uni<List<MySupport>> supports(String pseudonym, MySupport after, int limit) {
        return page(SUPPORTS, pseudonym, after == null ? null : after.supportedAt(),
                after == null ? null : after.proposalId(), limit, row -> new MySupport(row.getUUID("proposal_id"),
                        row.getString("title"), row.getOffsetDateTime("created_at")));
    }

    public Uni<List<MyFlag>> flags(String pseudonym, MyFlag after, int limit) {
        return page(FLAGS, pseudonym, after == null ? null : after.createdAt(), after == null ? null : after.targetId(),
                limit, row -> new MyFlag(row.getString("target_type"), row.getUUID("target_id"),
                        row.getString("reason"), row.getString("details"), row.getOffsetDateTime("created_at")));
    }

    public Uni<List<MyComment>> comments(String accountId, MyComment after, int limit) {
        return page(COMMENTS, accountId, after == null ? null : after.createdAt(), after == null ? null : after.id(),
                limit, row -> new MyComment(row.getUUID("id"), row.getString("target_type"),
                        row.getUUID("target_id"), row.getUUID("parent_id"), row.getString("body"),
                        row.getString("organization"), row.getString("visibility"),
                        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("edited_at"),
                        row.getOffsetDateTime("deleted_at")));
    }

    public Uni<List<MyOrganisationClaim>> organisationClaims(String accountId, MyOrganisationClaim after, int limit) {
        return page(CLAIMS, accountId, after == null ? null : after.addedAt(),
                after == null ? null : after.organizationId(), limit,
                row -> new MyOrganisationClaim(row.getUUID("organization_id"), row.getString("name"),
                        row.getString("region"), row.getBoolean("verified"), row.getString("username"),
                        row.getOffsetDateTime("added_at")));
    }

    public Uni<List<MyAction>> actions(String accountId, MyAction after, int limit) {
        return page(ACTIONS, accountId, after == null ? null : after.occurredAt(), after == null ? null : after.id(),
                limit, row -> new MyAction(row.getUUID("id"), row.getOffsetDateTime("occurred_at"),
                        row.getString("action"), row.getString("target_type"), row.getString("target_id"),
                        row.getString("details")));
    }

    private <T> Uni<List<T>> page(String sql, String owner, OffsetDateTime afterTime, UUID afterId, int limit,
            Function<Row, T> row) {
        return pool.preparedQuery(sql).execute(Tuple.of(owner, afterTime, afterId, limit)).map(rows -> {
            List<T> items = new ArrayList<>(rows.rowCount());
            for (Row found : rows) {
                items.add(row.apply(found));
            }
            return items;
        });
    }
}
