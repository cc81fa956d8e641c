package org.coprogram.proposal.organization;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.contracts.StakeholderCategory;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code organization} and {@code organization_representative} rows. Call inside the caller's session. */
@ApplicationScoped
public class OrganizationRepository {

    private static final String COLUMNS = "id, region, name, kind, fiscal_code, runts_number, verified, verified_at";

    /** One registered organisation. */
    public record Row(UUID id, String region, String name, StakeholderCategory kind, String fiscalCode,
            String runtsNumber, boolean verified, OffsetDateTime verifiedAt) {
    }

    /** One representative of an organisation: the account and the user name it was made one under. */
    public record Representative(String accountId, String username, OffsetDateTime addedAt) {
    }

    /** False when the region already has an organisation with this fiscal code or RUNTS number. */
    public Uni<Boolean> insert(Row row) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO organization (id, region, name, kind, fiscal_code, runts_number, verified, verified_at)
                VALUES (:id, :region, :name, :kind, :fiscalCode, :runts, false, NULL) ON CONFLICT DO NOTHING""")
                .setParameter("id", row.id()).setParameter("region", row.region()).setParameter("name", row.name())
                .setParameter("kind", row.kind().name()).setParameter("fiscalCode", row.fiscalCode())
                .setParameter("runts", row.runtsNumber()).executeUpdate()).map(inserted -> inserted > 0);
    }

    public Uni<Optional<Row>> find(UUID id) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + COLUMNS + " FROM organization WHERE id = :id", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.stream().findFirst().map(OrganizationRepository::row));
    }

    /** The organisation, locked until the transaction ends. */
    public Uni<Optional<Row>> lock(UUID id) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + COLUMNS + " FROM organization WHERE id = :id FOR UPDATE",
                        Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.stream().findFirst().map(OrganizationRepository::row));
    }

    /** Marks it verified once; false when it already was. */
    public Uni<Boolean> verify(UUID id, OffsetDateTime at) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "UPDATE organization SET verified = true, verified_at = :at WHERE id = :id AND NOT verified")
                .setParameter("id", id).setParameter("at", at).executeUpdate()).map(updated -> updated > 0);
    }

    /** A page of the region's organisations by name, the verified ones only unless {@code all}. */
    public Uni<List<Row>> page(String region, boolean all, int offset, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + COLUMNS
                + " FROM organization WHERE region = :region AND (verified OR :all) ORDER BY name, id"
                + " OFFSET :offset LIMIT :limit", Object[].class)
                .setParameter("region", region).setParameter("all", all).setParameter("offset", offset)
                .setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(OrganizationRepository::row).toList());
    }

    public Uni<Long> count(String region, boolean all) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM organization WHERE region = :region AND (verified OR :all)", Long.class)
                .setParameter("region", region).setParameter("all", all).getSingleResult());
    }

    /**
     * The organisation a contribution to a plan of {@code region} may speak for: {@code organizationId} (the token's
     * claim), if it is verified, of that region, and {@code accountId} is one of its representatives.
     */
    public Uni<Optional<Row>> verifiedFor(String accountId, UUID organizationId, String region) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT o.id, o.region, o.name, o.kind, o.fiscal_code, o.runts_number, o.verified, o.verified_at
                FROM organization o JOIN organization_representative r ON r.organization_id = o.id
                WHERE r.account_id = :account AND o.id = :id AND o.verified AND o.region = :region""",
                Object[].class)
                .setParameter("account", accountId).setParameter("id", organizationId).setParameter("region", region)
                .getResultList()).map(rows -> rows.stream().findFirst().map(OrganizationRepository::row));
    }

    /** The organisation {@code accountId} represents, if any. */
    public Uni<Optional<UUID>> representedBy(String accountId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT organization_id FROM organization_representative WHERE account_id = :account", UUID.class)
                .setParameter("account", accountId).getResultList()).map(ids -> ids.stream().findFirst());
    }

    /** False when the account already represents an organisation (this one or another). */
    public Uni<Boolean> addRepresentative(UUID organizationId, String accountId, String username) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO organization_representative (account_id, organization_id, username)
                VALUES (:account, :organization, :username) ON CONFLICT DO NOTHING""")
                .setParameter("account", accountId).setParameter("organization", organizationId)
                .setParameter("username", username).executeUpdate()).map(inserted -> inserted > 0);
    }

    /** False when the account was not a representative of this organisation. */
    public Uni<Boolean> removeRepresentative(UUID organizationId, String accountId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM organization_representative WHERE account_id = :account AND organization_id = :organization")
                .setParameter("account", accountId).setParameter("organization", organizationId).executeUpdate())
                .map(deleted -> deleted > 0);
    }

    public Uni<List<Representative>> representatives(UUID organizationId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT account_id, username, added_at FROM organization_representative
                WHERE organization_id = :organization ORDER BY username LIMIT 100""", Object[].class)
                .setParameter("organization", organizationId).getResultList())
                .map(rows -> rows.stream().map(r -> new Representative((String) r[0], (String) r[1],
                        offset(r[2]))).toList());
    }

    private static Row row(Object[] r) {
        return new Row((UUID) r[0], (String) r[1], (String) r[2], StakeholderCategory.valueOf((String) r[3]),
                (String) r[4], (String) r[5], (Boolean) r[6], offset(r[7]));
    }

    private static OffsetDateTime offset(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
