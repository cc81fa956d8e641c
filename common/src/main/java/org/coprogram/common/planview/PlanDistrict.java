package org.coprogram.common.planview;

import java.util.List;

/** A district of the territory version a plan uses, with the ISTAT codes of its municipalities. */
public record PlanDistrict(String code, String name, List<String> municipalities) {
}
