package org.coprogram.synthesis.territory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.PageRequest;
import org.coprogram.synthesis.readmodel.NativeRepository;

import io.smallrye.mutiny.Uni;

/**
 * The regions' territory versions (V1_7__territory_versions.sql): a version's header, its districts and one member row
 * per municipality of the region. Versions are only ever inserted, whole, in the transaction of their upload.
 */
@ApplicationScoped
public class TerritoryVersionRepository extends NativeRepository {

    /** Rows per multi-row insert: a region has at most a few hundred municipalities, far below PostgreSQL's limit. */
    private static final int CHUNK = 500;
    private static final String VERSION_COLUMNS = "v.region, v.version, v.kind, cast(v.effective_from AS text),"
            + " v.note, v.population_source, v.file_sha256, v.created_at,"
            + " (SELECT count(*) FROM territory_district d WHERE d.region = v.region AND d.version = v.version),"
            + " (SELECT count(*) FROM territory_member m WHERE m.region = v.region AND m.version = v.version"
            + " AND m.district_code IS NOT NULL),"
            + " (SELECT count(*) FROM territory_member m WHERE m.region = v.region AND m.version = v.version"
            + " AND m.district_code IS NULL),"
            + " (SELECT count(*) FROM plan p WHERE p.region = v.region AND p.territory_version = v.version)";

    /** A version's header, with what it holds and how many plans use it. */
    public record VersionRow(String region, int version, String kind, LocalDate effectiveFrom, String note,
            String populationSource, String fileSha256, OffsetDateTime createdAt, int districts, int placed,
            int unplaced, int plans) {
    }

    /** What a new version's header says; who made it is an account id, or {@code system} for the shipped one. */
    public record NewVersion(String region, int version, String kind, LocalDate effectiveFrom, String note,
            String populationSource, String fileSha256, String createdBy) {
    }

    public record DistrictRow(String code, String name, String leadMunicipality) {
    }

    /** A municipality in a version: its district (null when unplaced), population, and where its placement comes from. */
    public record MemberRow(String istatCode, String province, String districtCode, int population, String source,
            Integer line) {
    }

    /**
     * Serialises the writes of one region's versions: the next number is read and used under it, so two uploads never
     * take the same one.
     */
    Uni<Void> lockRegion(String region) {
        return rows("SELECT count(*), 1 FROM (SELECT pg_advisory_xact_lock(26, hashtext(:region))) l",
                named("region", region)).replaceWithVoid();
    }

    /** The region's highest version number, 0 before its first. */
    public Uni<Integer> latest(String region) {
        return rows("SELECT coalesce(max(version), 0), 1 FROM territory_version WHERE region = :region",
                named("region", region)).map(rows -> (int) number(rows.get(0)[0]));
    }

    /**
     * The version new plans take on {@code day}: of those in force by then, the one with the latest effective date (the
     * highest number among equal dates); the first when all are still to come; 0 if the region has none.
     */
    public Uni<Integer> inForce(String region, LocalDate day) {
        return rows("SELECT coalesce((SELECT version FROM territory_version WHERE region = :region"
                + " AND effective_from <= cast(:day AS date) ORDER BY effective_from DESC, version DESC LIMIT 1),"
                + " (SELECT min(version) FROM territory_version WHERE region = :region), 0), 1",
                named("region", region, "day", day)).map(rows -> (int) number(rows.get(0)[0]));
    }

    public Uni<VersionRow> find(String region, int version) {
        return rows("SELECT " + VERSION_COLUMNS + " FROM territory_version v WHERE v.region = :region"
                + " AND v.version = :version", named("region", region, "version", version))
                .map(rows -> rows.isEmpty() ? null : version(rows.get(0)));
    }

    /** A page of the region's versions, newest first. */
    public Uni<List<VersionRow>> page(String region, PageRequest page) {
        return rows("SELECT " + VERSION_COLUMNS + " FROM territory_version v WHERE v.region = :region"
                + " ORDER BY v.version DESC LIMIT :size OFFSET :offset",
                named("region", region, "size", page.size(),
                        "offset", page.page() * page.size()))
                .map(rows -> rows.stream().map(TerritoryVersionRepository::version).toList());
    }

    public Uni<Long> count(String region) {
        return rows("SELECT count(*), 1 FROM territory_version WHERE region = :region", named("region", region))
                .map(rows -> number(rows.get(0)[0]));
    }

    public Uni<List<DistrictRow>> districts(String region, int version) {
        return rows("SELECT code, name, lead_municipality FROM territory_district WHERE region = :region"
                + " AND version = :version ORDER BY code", named("region", region, "version", version))
                .map(rows -> rows.stream().map(r -> new DistrictRow((String) r[0], (String) r[1], (String) r[2]))
                        .toList());
    }

    public Uni<List<MemberRow>> members(String region, int version) {
        return rows("SELECT istat_code, province, district_code, population, source, line FROM territory_member"
                + " WHERE region = :region AND version = :version ORDER BY istat_code",
                named("region", region, "version", version))
                .map(rows -> rows.stream().map(r -> new MemberRow((String) r[0], (String) r[1], (String) r[2],
                        (int) number(r[3]), (String) r[4], r[5] == null ? null : (int) number(r[5]))).toList());
    }

    /** District code → region, for the codes in the latest version of every other region. */
    public Uni<Map<String, String>> districtCodesOfOtherRegions(String region) {
        return rows("SELECT d.code, d.region FROM territory_district d JOIN (SELECT region, max(version) AS version"
                + " FROM territory_version WHERE region <> :region GROUP BY region) l ON d.region = l.region"
                + " AND d.version = l.version", named("region", region))
                .map(rows -> {
                    Map<String, String> codes = new HashMap<>();
                    rows.forEach(r -> codes.put((String) r[0], (String) r[1]));
                    return codes;
                });
    }

    /**
     * The districts the plan's own records name: its social reports (any state) and its indicators' measured values.
     * A move to a composition without one of them would leave those records outside every district of the plan.
     */
    public Uni<List<String>> districtsInUse(UUID planId) {
        return rows("SELECT district_code, 1 FROM social_report WHERE plan_id = :plan UNION"
                + " SELECT m.district_code, 1 FROM measurement m JOIN indicator i ON i.id = m.indicator_id"
                + " WHERE i.plan_id = :plan", named("plan", planId))
                .map(rows -> rows.stream().map(r -> (String) r[0]).sorted().toList());
    }

    /** Inserts the header; false (nothing written) if the region already has that version, as replicas may race. */
    Uni<Boolean> insertVersion(NewVersion v) {
        return update("INSERT INTO territory_version (region, version, kind, effective_from, note, population_source,"
                + " file_sha256, created_by) VALUES (:region, :version, :kind, cast(:from AS date), :note, :population,"
                + " :sha, :by) ON CONFLICT (region, version) DO NOTHING",
                named("region", v.region(), "version", v.version(), "kind", v.kind(), "from",
                        v.effectiveFrom(), "note", v.note(), "population", v.populationSource(), "sha",
                        v.fileSha256(), "by", v.createdBy()))
                .map(inserted -> inserted == 1);
    }

    Uni<Void> insertDistricts(String region, int version, List<DistrictRow> districts) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < districts.size(); from += CHUNK) {
            List<DistrictRow> chunk = districts.subList(from, Math.min(districts.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO territory_district (region, version, code, name, lead_municipality) VALUES ");
            Map<String, Object> parameters = named("region", region, "version", version);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:region, :version, :code").append(i).append(", :name")
                        .append(i).append(", cast(:lead").append(i).append(" AS text))");
                parameters.put("code" + i, chunk.get(i).code());
                parameters.put("name" + i, chunk.get(i).name());
                parameters.put("lead" + i, chunk.get(i).leadMunicipality());
            }
            chain = chain.chain(() -> update(sql.toString(), parameters)).replaceWithVoid();
        }
        return chain;
    }

    Uni<Void> insertMembers(String region, int version, List<MemberRow> members) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < members.size(); from += CHUNK) {
            List<MemberRow> chunk = members.subList(from, Math.min(members.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("INSERT INTO territory_member (region, version, istat_code,"
                    + " province, district_code, population, source, line) VALUES ");
            Map<String, Object> parameters = named("region", region, "version", version);
            for (int i = 0; i < chunk.size(); i++) {
                MemberRow m = chunk.get(i);
                sql.append(i == 0 ? "" : ", ").append("(:region, :version, :code").append(i).append(", :province")
                        .append(i).append(", cast(:district").append(i).append(" AS text), :population").append(i)
                        .append(", cast(:source").append(i).append(" AS text), cast(:line").append(i)
                        .append(" AS integer))");
                parameters.put("code" + i, m.istatCode());
                parameters.put("province" + i, m.province());
                parameters.put("district" + i, m.districtCode());
                parameters.put("population" + i, m.population());
                parameters.put("source" + i, m.source());
                parameters.put("line" + i, m.line());
            }
            chain = chain.chain(() -> update(sql.toString(), parameters)).replaceWithVoid();
        }
        return chain;
    }

    private static VersionRow version(Object[] r) {
        return new VersionRow((String) r[0], (int) number(r[1]), (String) r[2], LocalDate.parse((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (OffsetDateTime) r[7], (int) number(r[8]),
                (int) number(r[9]), (int) number(r[10]), (int) number(r[11]));
    }
}
