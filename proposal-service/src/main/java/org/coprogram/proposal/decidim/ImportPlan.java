package org.coprogram.proposal.decidim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.coprogram.proposal.decidim.DecidimOpenData.CommentRow;
import org.coprogram.proposal.decidim.DecidimOpenData.ImportProblem;
import org.coprogram.proposal.decidim.DecidimOpenData.ProposalRow;
import org.coprogram.proposal.proposal.ProposalStatus;

/**
 * Where each row of a readable export goes in the plan (docs/decidim.md, "Mapping"): its theme and municipality,
 * through the region's mapping or, when a Decidim id already is one of the plan's theme codes or an ISTAT code of the
 * region (as in our own exports), directly; and its status. Pure code. Any row that cannot be placed is a problem
 * and the whole export is refused.
 */
public final class ImportPlan {

    private static final Pattern ISTAT = Pattern.compile("\\d{6}");

    /** A proposal row with its place in the plan. */
    public record Placed(ProposalRow row, String theme, String municipality, ProposalStatus status) {
    }

    /** The placed proposals, the comments with parents before replies, and the problems. */
    public record Result(List<Placed> proposals, List<CommentRow> comments, List<ImportProblem> problems) {
    }

    private ImportPlan() {
    }

    public static Result of(DecidimOpenData.Parsed parsed, DecidimMapping mapping, Set<String> themes,
            Predicate<String> municipalityOfRegion) {
        List<ImportProblem> problems = new ArrayList<>();
        check(mapping, themes, municipalityOfRegion, problems);
        if (!problems.isEmpty()) {
            return new Result(List.of(), List.of(), problems);
        }
        List<Placed> placed = new ArrayList<>();
        for (ProposalRow row : parsed.proposals()) {
            String theme = null;
            String municipality = null;
            for (String taxonomy : row.taxonomyIds()) {
                String target = mapping.taxonomies().get(taxonomy);
                if (target == null) {
                    target = taxonomy;
                }
                if (theme == null && themes.contains(target)) {
                    theme = target;
                } else if (municipality == null && ISTAT.matcher(target).matches()
                        && municipalityOfRegion.test(target)) {
                    municipality = target;
                }
            }
            if (row.categoryId() != null) {
                String target = mapping.categories().getOrDefault(row.categoryId(), row.categoryId());
                if (themes.contains(target)) {
                    theme = target;
                }
            }
            if (row.scopeId() != null) {
                String target = mapping.scopes().getOrDefault(row.scopeId(), row.scopeId());
                if (ISTAT.matcher(target).matches() && municipalityOfRegion.test(target)) {
                    municipality = target;
                }
            }
            theme = theme == null ? mapping.defaultTheme() : theme;
            municipality = municipality == null ? mapping.defaultMunicipality() : municipality;
            if (theme == null) {
                problems.add(new ImportProblem(row.file(), row.line(), row.categoryId() != null
                        ? "category/id"
                        : row.taxonomyIds().isEmpty() ? "category/id" : "taxonomies",
                        "nessuna area di intervento del piano per la categoria Decidim "
                                + (row.categoryId() == null ? "(assente)" : row.categoryId())
                                + ": aggiungila alla mappatura (categories o taxonomies) o indica defaultTheme"));
            }
            if (municipality == null) {
                problems.add(new ImportProblem(row.file(), row.line(), "scope/id", "nessun comune della regione per"
                        + " l'ambito Decidim " + (row.scopeId() == null ? "(assente)" : row.scopeId())
                        + ": aggiungilo alla mappatura (scopes) o indica defaultMunicipality"));
            }
            placed.add(new Placed(row, theme, municipality, status(row)));
        }
        return new Result(placed, parentsFirst(parsed.comments()), problems);
    }

    /** Decidim's state as one of ours; answers we do not have (evaluating, not answered) stay SUBMITTED. */
    static ProposalStatus status(ProposalRow row) {
        if (row.withdrawn()) {
            return ProposalStatus.WITHDRAWN;
        }
        String state = row.state() == null ? "" : row.state().toLowerCase();
        return switch (state) {
            case "accepted" -> ProposalStatus.ACCEPTED;
            case "rejected" -> ProposalStatus.NOT_ACCEPTED;
            default -> ProposalStatus.SUBMITTED;
        };
    }

    private static void check(DecidimMapping mapping, Set<String> themes, Predicate<String> municipalityOfRegion,
            List<ImportProblem> problems) {
        mapping.categories().forEach((id, theme) -> {
            if (!themes.contains(theme)) {
                problems.add(new ImportProblem(DecidimMapping.FILE, null, "categories." + id,
                        "area di intervento non prevista dal piano: " + theme));
            }
        });
        mapping.scopes().forEach((id, istat) -> {
            if (istat == null || !municipalityOfRegion.test(istat)) {
                problems.add(new ImportProblem(DecidimMapping.FILE, null, "scopes." + id,
                        "codice ISTAT di un comune della regione del piano atteso: " + istat));
            }
        });
        mapping.taxonomies().forEach((id, target) -> {
            if (target == null || !themes.contains(target) && !municipalityOfRegion.test(target)) {
                problems.add(new ImportProblem(DecidimMapping.FILE, null, "taxonomies." + id,
                        "né un'area di intervento del piano né un comune della regione: " + target));
            }
        });
        if (mapping.defaultTheme() != null && !themes.contains(mapping.defaultTheme())) {
            problems.add(new ImportProblem(DecidimMapping.FILE, null, "defaultTheme",
                    "area di intervento non prevista dal piano: " + mapping.defaultTheme()));
        }
        if (mapping.defaultMunicipality() != null && !municipalityOfRegion.test(mapping.defaultMunicipality())) {
            problems.add(new ImportProblem(DecidimMapping.FILE, null, "defaultMunicipality",
                    "codice ISTAT di un comune della regione del piano atteso: " + mapping.defaultMunicipality()));
        }
    }

    /** Comments ordered so that a reply always comes after the comment it answers. */
    static List<CommentRow> parentsFirst(List<CommentRow> comments) {
        List<CommentRow> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Map<String, CommentRow> byId = new HashMap<>();
        comments.forEach(c -> byId.put(c.id(), c));
        List<CommentRow> left = new ArrayList<>(comments);
        while (!left.isEmpty()) {
            List<CommentRow> next = new ArrayList<>();
            for (CommentRow c : left) {
                if (!c.commentableType().equals(DecidimOpenData.COMMENT_TYPE) || done.contains(c.commentableId())) {
                    ordered.add(c);
                    done.add(c.id());
                } else {
                    next.add(c);
                }
            }
            if (next.size() == left.size()) {
                throw new IllegalStateException("replies without parents passed the cross-check");
            }
            left = next;
        }
        return ordered;
    }
}
