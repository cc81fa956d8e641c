package org.coprogram.survey.response;

import java.util.Optional;

/** Who a respondent speaks for, from the token's {@code stakeholder_category} claim; results are sliced by it. */
public enum StakeholderCategory {
    DISTRICT, PROVINCE, MUNICIPALITY, TRADE_UNION, EMPLOYER_ORGANIZATION, THIRD_SECTOR, PROFESSIONAL_ORDER, OTHER_PUBLIC_BODY, REGIONAL_GUARANTOR, CITIZEN;

    public static Optional<StakeholderCategory> parse(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
