package org.coprogram.synthesis.plandocument;

import java.util.List;
import java.util.UUID;

import org.coprogram.synthesis.plan.Plan;

import io.smallrye.mutiny.Uni;

/**
 * Told, in the publishing transaction, of the measures a version makes public for the first time: what waited for
 * them (the traceability links made while they were only in the draft) can now be announced. Implemented outside
 * this package, which knows nothing of its listeners.
 */
public interface MeasuresFirstPublished {

    Uni<Void> firstPublished(Plan plan, int version, List<UUID> measureIds);
}
