package org.coprogram.contracts;

import java.util.Optional;

/**
 * Who a person speaks for (categoria di portatore di interesse), from the token's {@code stakeholder_category} claim.
 * The enum names travel in events and bodies and are stored as text.
 */
public enum StakeholderCategory {
    DISTRICT, PROVINCE, MUNICIPALITY, TRADE_UNION, EMPLOYER_ORGANIZATION, THIRD_SECTOR, PROFESSIONAL_ORDER, OTHER_PUBLIC_BODY, REGIONAL_GUARANTOR, CITIZEN;

    /** The category a claim names, or empty for a missing or unknown one. */
    public static Optional<StakeholderCategory> parse(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
