package org.coprogram.synthesis.clusteredit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.contracts.Phase;
import org.coprogram.synthesis.analysis.AnalysisService;
import org.coprogram.synthesis.analysis.TextAnalysis;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.synthesis.Scope;
import org.coprogram.synthesis.synthesis.SynthesisService;
import org.coprogram.synthesis.synthesis.VersionedCache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The region's edits to a plan's clusters (rename, merge, split): made on the clusters a scope's view shows, kept as
 * anchors of contribution ids, laid over every fresh analysis by {@link ClusterOverlay}. Writes are region staff's of
 * the plan's region, while the plan is in consultation or synthesis, and audited.
 */
@ApplicationScoped
public class ClusterEditService {

    static final int LABEL_MAX = 120;
    static final int NOTE_MAX = 500;
    /** The phases in which the clusters may be edited: while contributions arrive and while they are synthesised. */
    static final Set<Phase> EDITABLE = Set.of(Phase.CONSULTATION, Phase.SYNTHESIS);
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    /** The edits of a plan and the analysis they are laid over, as the writes and the list need them. */
    private record Current(Plan plan, Scope scope, TextAnalysis analysis, List<ClusterEdit> edits,
            Map<UUID, ClusterOverlay.Member> members, ClusterOverlay.Result result) {

        ClusterOverlay.Group cluster(String id) {
            return result.clusters().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        }
    }

    private record Key(UUID planId, String level, String code, boolean unpublished, long revision) {
    }

    private final ClusterEditRepository repository;
    private final PlanRepository plans;
    private final SynthesisService synthesis;
    private final AnalysisService analysis;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final VersionedCache<Key, EditedAnalysis> served = new VersionedCache<>(1000);

    public ClusterEditService(ClusterEditRepository repository, PlanRepository plans, SynthesisService synthesis,
            AnalysisService analysis, AuditTrail audit, ObjectMapper json) {
        this.repository = repository;
        this.plans = plans;
        this.synthesis = synthesis;
        this.analysis = analysis;
        this.audit = audit;
        this.json = json;
    }

    /** The highest revision of the plan's edits: it changes with every edit made or undone. */
    @WithSession
    public Uni<Long> revision(UUID planId) {
        return repository.ofPlan(planId)
                .map(edits -> edits.stream().mapToLong(ClusterEdit::revision).max().orElse(0));
    }

    /**
     * The analysis of {@code scope} at read-model {@code version} with the scope's active edits applied; kept per
     * version and edit revision, like the analysis itself.
     */
    @WithSession
    public Uni<EditedAnalysis> served(UUID planId, Scope scope, long version, boolean unpublished,
            TextAnalysis result) {
        return repository.ofPlan(planId).flatMap(all -> {
            long revision = all.stream().mapToLong(ClusterEdit::revision).max().orElse(0);
            List<ClusterEdit> edits = activeIn(all, scope);
            return served.get(new Key(planId, scope.level(), scope.code(), unpublished, revision), version,
                    () -> members(planId, edits).map(members -> edited(result,
                            ClusterOverlay.apply(result.clusters(), edits, members))));
        });
    }

    /** The active edits of the scope, oldest first: what the report lists. */
    @WithSession
    public Uni<List<ClusterEdit>> active(UUID planId, Scope scope) {
        return repository.ofPlan(planId).map(all -> activeIn(all, scope));
    }

    /** Every active edit of the plan, with its status in the current analysis of its scope (region staff). */
    @WithSession
    public Uni<List<ClusterEditView>> list(UUID planId, PlanAccess access) {
        return plans.require(planId).invoke(access::requireRegionStaff)
                .chain(() -> repository.ofPlan(planId))
                .flatMap(all -> {
                    List<ClusterEdit> active = all.stream().filter(ClusterEdit::active).toList();
                    Map<List<String>, List<ClusterEdit>> byScope = active.stream().collect(Collectors
                            .groupingBy(e -> List.of(e.level(), e.code()), LinkedHashMap::new, Collectors.toList()));
                    Uni<Map<UUID, ClusterOverlay.EditOutcome>> outcomes = Uni.createFrom().item(new HashMap<>());
                    for (List<String> scope : byScope.keySet()) {
                        outcomes = outcomes.flatMap(found -> current(planId, scope.get(0), scope.get(1))
                                .map(current -> {
                                    current.result().outcomes().forEach(o -> found.put(o.editId(), o));
                                    return found;
                                }));
                    }
                    return outcomes.map(found -> active.stream().map(e -> ClusterEditView.of(e, found.get(e.id())))
                            .toList());
                });
    }

    @WithTransaction
    public Uni<ClusterEditView> rename(UUID planId, String level, String code, EditRequests.ClusterRename body,
            PlanAccess access) {
        return writable(planId, access).chain(plan -> current(planId, level, code)).flatMap(current -> {
            require(body != null);
            List<Violation> violations = new ArrayList<>();
            ClusterOverlay.Group cluster = known(current, body.clusterId(), "clusterId", violations);
            String label = label(body.label(), true, violations);
            String note = note(body.note(), violations);
            refuse(violations);
            ClusterEdit edit = edit(current, EditKind.RENAME, label, List.of(cluster.members()), List.of(),
                    List.of(cluster.label()), note, access);
            return save(current, edit, access, "«" + cluster.label() + "» → «" + label + "»");
        });
    }

    @WithTransaction
    public Uni<ClusterEditView> merge(UUID planId, String level, String code, EditRequests.ClusterMerge body,
            PlanAccess access) {
        return writable(planId, access).chain(plan -> current(planId, level, code)).flatMap(current -> {
            require(body != null);
            List<Violation> violations = new ArrayList<>();
            List<ClusterOverlay.Group> clusters = new ArrayList<>();
            List<String> ids = body.clusterIds() == null ? List.of() : body.clusterIds();
            if (new LinkedHashSet<>(ids).size() < 2 || ids.size() != new LinkedHashSet<>(ids).size()) {
                violations.add(new Violation("clusterIds", "indicare almeno due gruppi diversi, ciascuno una volta"));
            }
            for (int i = 0; i < ids.size(); i++) {
                ClusterOverlay.Group cluster = known(current, ids.get(i), "clusterIds[" + i + "]", violations);
                if (cluster != null) {
                    clusters.add(cluster);
                }
            }
            String label = label(body.label(), false, violations);
            String note = note(body.note(), violations);
            refuse(violations);
            List<String> before = clusters.stream().map(ClusterOverlay.Group::label).toList();
            ClusterEdit edit = edit(current, EditKind.MERGE, label,
                    clusters.stream().map(ClusterOverlay.Group::members).toList(), List.of(), before, note, access);
            return save(current, edit, access, before.stream().map(l -> "«" + l + "»").collect(Collectors.joining(
                    " + ")) + (label == null ? "" : " → «" + label + "»"));
        });
    }

    @WithTransaction
    public Uni<ClusterEditView> split(UUID planId, String level, String code, EditRequests.ClusterSplit body,
            PlanAccess access) {
        return writable(planId, access).chain(plan -> current(planId, level, code)).flatMap(current -> {
            require(body != null);
            List<Violation> violations = new ArrayList<>();
            ClusterOverlay.Group cluster = known(current, body.clusterId(), "clusterId", violations);
            List<UUID> moved = body.members() == null ? List.of() : body.members();
            if (moved.isEmpty()) {
                violations.add(new Violation("members", "indicare i contributi da separare dal gruppo"));
            } else if (moved.size() != new LinkedHashSet<>(moved).size()) {
                violations.add(new Violation("members", "ogni contributo va indicato una volta sola"));
            }
            if (cluster != null) {
                for (int i = 0; i < moved.size(); i++) {
                    if (moved.get(i) == null || !cluster.members().contains(moved.get(i))) {
                        violations.add(new Violation("members[" + i + "]", "il contributo non fa parte del gruppo "
                                + cluster.id()));
                    }
                }
                if (!moved.isEmpty() && new LinkedHashSet<>(moved).size() >= cluster.size()) {
                    violations.add(new Violation("members", "non si possono separare tutti i contributi del gruppo:"
                            + " per cambiarne il nome si usa la rinomina"));
                }
            }
            String label = label(body.label(), true, violations);
            String note = note(body.note(), violations);
            refuse(violations);
            ClusterEdit edit = edit(current, EditKind.SPLIT, label, List.of(cluster.members()), moved,
                    List.of(cluster.label()), note, access);
            return save(current, edit, access, moved.size() + " contributi da «" + cluster.label() + "» a «" + label
                    + "»");
        });
    }

    /** Undoes an active edit of the plan: it stops applying, and its row stays, marked undone. */
    @WithTransaction
    public Uni<Void> undo(UUID planId, UUID editId, PlanAccess access) {
        return writable(planId, access)
                .chain(plan -> repository.undo(planId, editId, access.actor(), now()))
                .chain(undone -> {
                    if (!undone) {
                        throw ProblemException.notFound("Modifica non trovata");
                    }
                    return audit.record(access.actor(), "cluster-edit.undo", "cluster-edit", editId.toString(),
                            "piano " + planId);
                }).replaceWithVoid();
    }

    /** The plan, if the caller is its region's staff (else 401/403) and it is in a phase that allows edits (409). */
    private Uni<Plan> writable(UUID planId, PlanAccess access) {
        return plans.require(planId).invoke(plan -> {
            access.requireRegionStaff(plan);
            if (!EDITABLE.contains(plan.phase)) {
                throw ProblemException.conflict("I gruppi di contributi si modificano nelle fasi CONSULTATION e"
                        + " SYNTHESIS; il piano è in " + plan.phase);
            }
        });
    }

    /** The public analysis of the scope with its edits applied, as the clusters view shows it now. */
    private Uni<Current> current(UUID planId, String level, String code) {
        return synthesis.synthesis(planId, level, code, false).flatMap(view -> analysis
                .analysis(planId, view.scope(), view.version(), false)
                .flatMap(result -> plans.require(planId).flatMap(plan -> repository.ofPlan(planId).flatMap(all -> {
                    List<ClusterEdit> edits = activeIn(all, view.scope());
                    return members(planId, edits).map(members -> new Current(plan, view.scope(), result, edits,
                            members, ClusterOverlay.apply(result.clusters(), edits, members)));
                }))));
    }

    private Uni<Map<UUID, ClusterOverlay.Member>> members(UUID planId, List<ClusterEdit> edits) {
        if (edits.stream().allMatch(e -> e.kind() == EditKind.RENAME)) {
            return Uni.createFrom().item(Map.of());
        }
        return repository.members(planId).map(rows -> rows.stream()
                .collect(Collectors.toMap(ClusterOverlay.Member::id, Function.identity(), (a, b) -> a)));
    }

    private Uni<ClusterEditView> save(Current current, ClusterEdit edit, PlanAccess access, String details) {
        List<ClusterEdit> after = new ArrayList<>(current.edits());
        after.add(edit);
        ClusterOverlay.EditOutcome outcome = ClusterOverlay
                .apply(current.analysis().clusters(), after, current.members())
                .outcomes().get(after.size() - 1);
        return repository.insert(edit)
                .chain(() -> audit.record(access.actor(), "cluster-edit." + edit.kind().name().toLowerCase(),
                        "cluster-edit", edit.id().toString(), "piano " + edit.planId() + ", " + edit.level() + " "
                                + edit.code() + ": " + details))
                .map(ignored -> ClusterEditView.of(edit, outcome));
    }

    private static ClusterEdit edit(Current current, EditKind kind, String label, List<List<UUID>> anchors,
            List<UUID> moved, List<String> before, String note, PlanAccess access) {
        return new ClusterEdit(UUID.randomUUID(), current.plan().id, current.scope().level(), current.scope().code(),
                kind, label, anchors, moved, before, note, access.actor(), now(), null, null, 0);
    }

    private static List<ClusterEdit> activeIn(List<ClusterEdit> all, Scope scope) {
        return all.stream().filter(e -> e.active() && e.level().equals(scope.level())
                && e.code().equals(scope.code())).toList();
    }

    private EditedAnalysis edited(TextAnalysis result, ClusterOverlay.Result overlay) {
        List<ServedCluster> clusters = overlay.clusters().stream()
                .map(g -> ServedCluster.of(g, g.base() == null ? Map.of() : others(g.base(), ServedCluster.NAMED)))
                .toList();
        return new EditedAnalysis(result.contributions(), result.analysed(), result.method(), clusters,
                result.nearDuplicates(), result.keywordsByTheme(), result.keywordsByProvince(), overlay.outcomes(),
                others(result, EditedAnalysis.NAMED));
    }

    /** The fields of {@code value}, serialised, that the served record does not name itself. */
    private Map<String, Object> others(Object value, List<String> named) {
        Map<String, Object> fields = new LinkedHashMap<>(json.convertValue(value, FIELDS));
        fields.keySet().removeAll(named);
        fields.values().removeIf(v -> v == null);
        return fields;
    }

    private static ClusterOverlay.Group known(Current current, String id, String field, List<Violation> violations) {
        if (id == null || id.isBlank()) {
            violations.add(new Violation(field, "indicare il gruppo"));
            return null;
        }
        ClusterOverlay.Group cluster = current.cluster(id);
        if (cluster == null) {
            violations.add(new Violation(field, "gruppo non trovato tra i gruppi attuali di questa sintesi: " + id));
        }
        return cluster;
    }

    private static String label(String label, boolean required, List<Violation> violations) {
        String stripped = label == null ? null : label.strip();
        if (stripped == null || stripped.isEmpty()) {
            if (required || label != null) {
                violations.add(new Violation("label", "l'etichetta è obbligatoria e non può essere vuota"));
            }
            return null;
        }
        if (stripped.length() > LABEL_MAX) {
            violations.add(new Violation("label", "l'etichetta può avere al massimo " + LABEL_MAX + " caratteri"));
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("label", "l'etichetta non può contenere caratteri di controllo"));
        }
        return stripped;
    }

    private static String note(String note, List<Violation> violations) {
        String stripped = note == null ? null : note.strip();
        if (stripped != null && stripped.length() > NOTE_MAX) {
            violations.add(new Violation("note", "la nota può avere al massimo " + NOTE_MAX + " caratteri"));
        }
        return stripped == null || stripped.isEmpty() ? null : stripped;
    }

    private static void require(boolean bodyPresent) {
        if (!bodyPresent) {
            throw ProblemException.badRequest("Il corpo della richiesta è obbligatorio", List.of());
        }
    }

    private static void refuse(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(422, "Dati non validi", violations.get(0).message(), violations);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
