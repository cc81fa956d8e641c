package org.coprogram.synthesis.plan;

import java.util.UUID;

import org.coprogram.contracts.Phase;
import org.coprogram.synthesis.territory.VersionView;

/** The territory version a plan uses, with what the version says of itself. */
public record PlanTerritoryView(UUID planId, String region, Phase phase, int territoryVersion, VersionView version) {
}
