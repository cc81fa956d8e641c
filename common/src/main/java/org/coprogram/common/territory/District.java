package org.coprogram.common.territory;

import java.util.List;

/** A social district (ATS / ECAD) and the ISTAT codes of its municipalities. */
public record District(String code, String name, String region, List<String> municipalities) {
}
