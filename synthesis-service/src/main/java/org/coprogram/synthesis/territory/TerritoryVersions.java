package org.coprogram.synthesis.territory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.common.territory.TerritoryFiles;
import org.coprogram.common.territory.TerritoryFiles.Checked;
import org.coprogram.common.territory.TerritoryFiles.CompositionRow;
import org.coprogram.common.territory.TerritoryFiles.Kind;
import org.coprogram.common.territory.TerritoryFiles.PopulationRow;
import org.coprogram.contracts.Regions;
import org.coprogram.synthesis.territory.TerritoryVersionRepository.DistrictRow;
import org.coprogram.synthesis.territory.TerritoryVersionRepository.MemberRow;
import org.coprogram.synthesis.territory.TerritoryVersionRepository.NewVersion;
import org.coprogram.synthesis.territory.TerritoryVersionRepository.VersionRow;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Each region's territory versions (docs/territories.md): region staff upload a composition or a population file,
 * checked by the one reader every territory file goes through ({@link TerritoryFiles}); a file with any fault is
 * refused whole, with every fault and its line. A version is a snapshot never changed afterwards, so the catalog read
 * from it is kept for as long as the service runs.
 */
@ApplicationScoped
public class TerritoryVersions {

    public static final String SHIPPED = "SHIPPED";
    public static final String COMPOSITION = "COMPOSITION";
    public static final String POPULATION = "POPULATION";
    static final String CENSUS = "ISTAT, censimento 2011";
    static final int MAX_NOTE = 1000;
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter ITALIAN_DATE = DateTimeFormatter.ofPattern("d/M/yyyy");

    private final TerritoryCatalog shipped;
    private final TerritoryVersionRepository repository;
    private final AuditTrail audit;
    private final Clock clock;
    private final TerritoryConfig config;
    private final Map<String, Territory> territories = new ConcurrentHashMap<>();

    public TerritoryVersions(TerritoryCatalog shipped, TerritoryVersionRepository repository, AuditTrail audit,
            Clock clock, TerritoryConfig config) {
        this.shipped = shipped;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    /** The upload's parameters, as the resource received them. */
    public record Upload(String region, byte[] file, String effectiveFrom, String note, String populationAsOf) {
    }

    /** 404 for a region this deployment does not serve. */
    public static void requireRegion(String region) {
        if (!Regions.isKnown(region)) {
            throw ProblemException.notFound("Regione non gestita: " + region);
        }
    }

    /** Only region staff of the region change its territories: 401 anonymous, 403 anyone else. */
    public static void requireStaff(Caller caller, String region) {
        caller.require(caller.isRegionStaffOf(region),
                "Solo il personale della Regione " + Regions.displayName(region) + " ne modifica i territori");
    }

    /**
     * A new version of the caller's region from an uploaded file: a composition (the columns of the shipped files)
     * replaces the composition, a population file the population; the other half comes from the region's latest
     * version. Only region staff of that region. Nothing is written unless the whole file is right.
     */
    @WithTransaction
    public Uni<VersionView> upload(Upload upload, Caller caller) {
        String region = upload.region();
        requireRegion(region);
        requireStaff(caller, region);
        Kind kind = TerritoryFiles.kindOf(upload.file());
        Parameters parameters = parameters(upload, kind);
        String actor = caller.accountId();
        if (kind == Kind.POPULATION) {
            Checked<PopulationRow> checked = TerritoryFiles.population(upload.file(), region, shipped::municipality,
                    shipped.municipalities(region));
            refuseIfFaulty(checked);
            Map<String, Integer> population = checked.rows().stream()
                    .collect(Collectors.toMap(PopulationRow::istatCode, PopulationRow::population));
            String source = "ISTAT, popolazione residente al " + parameters.populationAsOf().format(ITALIAN_DATE);
            return repository.lockRegion(region).chain(() -> repository.latest(region)).flatMap(latest -> {
                if (latest == 0) {
                    throw ProblemException
                            .conflict("La Regione non ha ancora una composizione a cui dare la popolazione");
                }
                return repository.districts(region, latest).flatMap(districts -> repository.members(region, latest)
                        .flatMap(members -> write(new NewVersion(region, latest + 1, POPULATION,
                                parameters.effectiveFrom(), parameters.note(), source, sha256(upload.file()), actor),
                                districts, members.stream().map(m -> new MemberRow(m.istatCode(), m.province(),
                                        m.districtCode(), population.get(m.istatCode()), m.source(), m.line()))
                                        .toList())));
            });
        }
        return repository.lockRegion(region).chain(() -> repository.districtCodesOfOtherRegions(region))
                .flatMap(taken -> {
                    Checked<CompositionRow> checked = kind == Kind.COMPOSITION
                            ? TerritoryFiles.composition(upload.file(), region, shipped::municipality, taken)
                            : TerritoryFiles.unrecognised(upload.file());
                    refuseIfFaulty(checked);
                    return repository.latest(region).flatMap(latest -> (latest == 0
                            ? Uni.createFrom().item(census(region))
                            : repository.members(region, latest))
                            .flatMap(base -> repository.find(region, latest).flatMap(previous -> {
                                Map<String, Integer> population = base.stream()
                                        .collect(Collectors.toMap(MemberRow::istatCode, MemberRow::population));
                                String source = previous == null ? CENSUS : previous.populationSource();
                                return write(new NewVersion(region, latest + 1, COMPOSITION,
                                        parameters.effectiveFrom(), parameters.note(), source,
                                        sha256(upload.file()), actor), districtsOf(checked.rows()),
                                        membersOf(region, checked.rows(), population));
                            })));
                });
    }

    /**
     * The region's first version, the composition shipped under {@code territory/}, if the region has none yet; false
     * when it had one. Run at start-up by {@link TerritorySeed}; the shipped file is checked as an upload would be.
     */
    @WithTransaction
    public Uni<Boolean> seed(String region) {
        return repository.lockRegion(region).chain(() -> repository.latest(region)).flatMap(latest -> {
            if (latest > 0) {
                return Uni.createFrom().item(false);
            }
            byte[] file = TerritoryCatalog.shippedComposition(region);
            return repository.districtCodesOfOtherRegions(region).flatMap(taken -> {
                Checked<CompositionRow> checked = TerritoryFiles.composition(file, region, shipped::municipality,
                        taken);
                if (!checked.ok()) {
                    throw new IllegalStateException(checked.summary("territory/districts-" + region + ".csv"));
                }
                List<DistrictRow> districts = districtsOf(checked.rows());
                List<MemberRow> members = membersOf(region, checked.rows(), Map.of());
                long placed = members.stream().filter(m -> m.districtCode() != null).count();
                String note = config.shippedNote().formatted(placed, members.size(), districts.size());
                return write(new NewVersion(region, 1, SHIPPED, today(), note, CENSUS, sha256(file), "system"),
                        districts, members).replaceWith(true);
            });
        });
    }

    private Uni<VersionView> write(NewVersion version, List<DistrictRow> districts, List<MemberRow> members) {
        return repository.insertVersion(version).flatMap(inserted -> {
            if (!inserted) {
                throw ProblemException.conflict("La versione " + version.version() + " esiste già: riprova");
            }
            return repository.insertDistricts(version.region(), version.version(), districts)
                    .chain(() -> repository.insertMembers(version.region(), version.version(), members))
                    .chain(() -> audit.record(version.createdBy(), "territory.version", "territory-version",
                            version.region() + "/" + version.version(), version.kind() + " " + version.fileSha256()
                                    + " in vigore dal " + version.effectiveFrom() + ": " + version.note()))
                    .chain(() -> view(version.region(), version.version()));
        });
    }

    /** A page of the region's versions, newest first. */
    @WithSession
    public Uni<Page<VersionView>> list(String region, PageRequest page) {
        requireRegion(region);
        return inForce(region).flatMap(inForce -> repository.page(region, page)
                .flatMap(rows -> repository.count(region).map(total -> new Page<>(
                        rows.stream().map(row -> VersionView.of(row, inForce)).toList(), page.page(), page.size(),
                        total))));
    }

    /** One version, or 404. */
    @WithSession
    public Uni<VersionView> view(String region, int version) {
        requireRegion(region);
        return require(region, version).flatMap(row -> inForce(region).map(inForce -> VersionView.of(row, inForce)));
    }

    /** A version and its catalog: the one asked for, or the one in force when {@code version} is null. */
    public record Chosen(VersionView view, TerritoryCatalog catalog) {
    }

    @WithSession
    public Uni<Chosen> chosen(String region, Integer version) {
        requireRegion(region);
        Uni<Integer> number = version == null ? inForce(region) : Uni.createFrom().item(version);
        return number.flatMap(n -> view(region, n).flatMap(view -> catalog(region, n)
                .map(catalog -> new Chosen(view, catalog))));
    }

    /** One version as a table and by province, with the municipalities it leaves unplaced. */
    @WithSession
    public Uni<VersionDetail> detail(String region, int version) {
        return view(region, version).flatMap(view -> repository.districts(region, version)
                .flatMap(districts -> repository.members(region, version)
                        .map(members -> detail(view, districts, members))));
    }

    /** The version's header, or 404. */
    public Uni<VersionRow> require(String region, int version) {
        return repository.find(region, version).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("Versione " + version + " dei territori non trovata per la Regione "
                        + Regions.displayName(region));
            }
            return row;
        });
    }

    /** The version a plan of the region created today takes: the latest in force. */
    public Uni<Integer> inForce(String region) {
        return repository.inForce(region, today()).map(version -> {
            if (version == 0) {
                // Only between a fresh database's migration and TerritorySeed's first run.
                throw new ProblemException(503, "Servizio temporaneamente non disponibile",
                        "I territori della Regione sono in caricamento: riprova tra qualche secondo", List.of());
            }
            return version;
        });
    }

    /**
     * A version as read for computing: its catalog (districts and populations over the ISTAT list) and what it says of
     * its population. Versions never change, so each is read once.
     */
    public record Territory(Integer version, TerritoryCatalog catalog, String populationSource, String note,
            LocalDate effectiveFrom) {
    }

    /**
     * The version read for computing. A null version (a plan not yet given one) reads as the shipped composition with
     * the 2011 census, which is what such a plan has been using.
     */
    public Uni<Territory> territory(String region, Integer version) {
        if (version == null) {
            return Uni.createFrom().item(new Territory(null, shipped, CENSUS, null, null));
        }
        Territory kept = territories.get(region + "/" + version);
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        return require(region, version).flatMap(row -> repository.districts(region, version)
                .flatMap(districts -> repository.members(region, version)
                        .map(members -> territories.computeIfAbsent(region + "/" + version,
                                key -> new Territory(version, catalogOf(region, districts, members),
                                        row.populationSource(), row.note(), row.effectiveFrom())))));
    }

    /** The version's catalog, as {@link #territory}. */
    public Uni<TerritoryCatalog> catalog(String region, Integer version) {
        return territory(region, version).map(Territory::catalog);
    }

    /** The districts the plan's social reports and monitoring values name. */
    public Uni<List<String>> districtsInUse(UUID planId) {
        return repository.districtsInUse(planId);
    }

    private TerritoryCatalog catalogOf(String region, List<DistrictRow> districts, List<MemberRow> members) {
        Map<String, DistrictRow> byCode = districts.stream()
                .collect(Collectors.toMap(DistrictRow::code, d -> d));
        List<CompositionRow> rows = members.stream().filter(m -> m.districtCode() != null)
                .map(m -> new CompositionRow(m.line() == null ? 0 : m.line(), m.istatCode(), m.districtCode(),
                        byCode.get(m.districtCode()).name(), byCode.get(m.districtCode()).leadMunicipality(),
                        m.source()))
                .sorted(Comparator.comparingInt(CompositionRow::line).thenComparing(CompositionRow::istatCode))
                .toList();
        Map<String, Integer> population = members.stream()
                .collect(Collectors.toMap(MemberRow::istatCode, MemberRow::population));
        return TerritoryCatalog.of(shipped.municipalityIndex(), region, rows, population);
    }

    private VersionDetail detail(VersionView view, List<DistrictRow> districts, List<MemberRow> members) {
        Map<String, DistrictRow> byCode = districts.stream().collect(Collectors.toMap(DistrictRow::code, d -> d));
        List<VersionDetail.Row> rows = new ArrayList<>();
        Map<String, List<MemberRow>> byProvince = new TreeMap<>();
        for (MemberRow m : members) {
            DistrictRow district = m.districtCode() == null ? null : byCode.get(m.districtCode());
            rows.add(new VersionDetail.Row(m.istatCode(), name(m.istatCode()), m.province(), m.districtCode(),
                    district == null ? null : district.name(), m.population(), m.source(), m.line()));
            byProvince.computeIfAbsent(m.province(), p -> new ArrayList<>()).add(m);
        }
        List<VersionDetail.ProvinceGroup> provinces = new ArrayList<>();
        byProvince.forEach((province, inProvince) -> {
            Map<String, List<MemberRow>> byDistrict = new TreeMap<>();
            List<VersionDetail.Place> unplaced = new ArrayList<>();
            for (MemberRow m : inProvince) {
                if (m.districtCode() == null) {
                    unplaced.add(place(m));
                } else {
                    byDistrict.computeIfAbsent(m.districtCode(), d -> new ArrayList<>()).add(m);
                }
            }
            unplaced.sort(Comparator.comparing(VersionDetail.Place::name));
            List<VersionDetail.DistrictGroup> groups = new ArrayList<>();
            byDistrict.forEach((code, inDistrict) -> groups.add(new VersionDetail.DistrictGroup(code,
                    byCode.get(code).name(), byCode.get(code).leadMunicipality(),
                    inDistrict.stream().mapToInt(MemberRow::population).sum(),
                    inDistrict.stream().map(this::place).sorted(Comparator
                            .comparing(VersionDetail.Place::name)).toList())));
            provinces.add(new VersionDetail.ProvinceGroup(province, provinceName(province), inProvince.size(),
                    inProvince.size() - unplaced.size(), groups, unplaced));
        });
        rows.sort(Comparator.comparing(VersionDetail.Row::province).thenComparing(VersionDetail.Row::name));
        return new VersionDetail(view, rows, provinces);
    }

    private VersionDetail.Place place(MemberRow m) {
        return new VersionDetail.Place(m.istatCode(), name(m.istatCode()), m.population());
    }

    private String name(String istatCode) {
        return shipped.municipality(istatCode).map(Municipality::name).orElse(istatCode);
    }

    private String provinceName(String code) {
        return shipped.municipalityIndex().values().stream().filter(m -> m.provinceCode().equals(code))
                .map(Municipality::provinceName).findFirst().orElse(code);
    }

    /** Every municipality of the region, placed where the rows say, with its population. */
    private List<MemberRow> membersOf(String region, List<CompositionRow> rows, Map<String, Integer> population) {
        Map<String, CompositionRow> placed = new HashMap<>();
        rows.forEach(row -> placed.put(row.istatCode(), row));
        return shipped.municipalities(region).stream().map(m -> {
            CompositionRow row = placed.get(m.istatCode());
            return new MemberRow(m.istatCode(), m.provinceCode(), row == null ? null : row.districtCode(),
                    population.getOrDefault(m.istatCode(), m.population()), row == null ? null : row.source(),
                    row == null ? null : row.line());
        }).toList();
    }

    private static List<DistrictRow> districtsOf(List<CompositionRow> rows) {
        Map<String, DistrictRow> districts = new LinkedHashMap<>();
        rows.forEach(row -> districts.putIfAbsent(row.districtCode(),
                new DistrictRow(row.districtCode(), row.districtName(), row.leadMunicipality())));
        return List.copyOf(districts.values());
    }

    private List<MemberRow> census(String region) {
        return shipped.municipalities(region).stream().map(m -> new MemberRow(m.istatCode(), m.provinceCode(), null,
                m.population(), null, null)).toList();
    }

    private static void refuseIfFaulty(Checked<?> checked) {
        if (!checked.ok()) {
            throw ProblemException.invalidFile("Il file ha " + checked.errorCount()
                    + (checked.errorCount() == 1 ? " errore" : " errori")
                    + ": non è stato applicato nulla. Correggi e carica di nuovo il file intero.", checked.errors(),
                    checked.errorCount());
        }
    }

    private record Parameters(LocalDate effectiveFrom, String note, LocalDate populationAsOf) {
    }

    /** The query parameters, each fault a violation on its name (400), before the file is read. */
    private Parameters parameters(Upload upload, Kind kind) {
        List<Violation> violations = new ArrayList<>();
        LocalDate effectiveFrom = date(upload.effectiveFrom(), "effectiveFrom", true, violations);
        String note = upload.note() == null ? "" : upload.note().strip();
        if (note.isEmpty()) {
            violations.add(new Violation("note", "la nota è obbligatoria: chi ha fornito i dati e quanto sono"
                    + " affidabili"));
        } else if (note.length() > MAX_NOTE) {
            violations.add(new Violation("note", "al massimo " + MAX_NOTE + " caratteri"));
        } else if (note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            violations.add(new Violation("note", "caratteri di controllo non ammessi"));
        }
        LocalDate populationAsOf = date(upload.populationAsOf(), "populationAsOf", kind == Kind.POPULATION,
                violations);
        if (populationAsOf != null && kind != Kind.POPULATION) {
            violations.add(new Violation("populationAsOf", "solo per un file di popolazione"));
        }
        if (populationAsOf != null && populationAsOf.isAfter(today())) {
            violations.add(new Violation("populationAsOf", "la data della popolazione non può essere futura"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("Parametri del caricamento non validi", violations);
        }
        return new Parameters(effectiveFrom, note, populationAsOf);
    }

    private static LocalDate date(String value, String field, boolean required, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "data obbligatoria, nel formato AAAA-MM-GG"));
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "data non valida: AAAA-MM-GG"));
            return null;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ROME);
    }

    static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
