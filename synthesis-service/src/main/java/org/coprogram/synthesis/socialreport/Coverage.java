package org.coprogram.synthesis.socialreport;

import java.util.List;

/**
 * Which districts of the plan's territory version have submitted, drafted or not started their report; the region's
 * municipalities that version places in no district are counted apart ({@code unplacedMunicipalities}).
 */
public record Coverage(int districts, int submitted, int draft, int notStarted, List<DistrictStatus> byDistrict,
        Integer territoryVersion, int unplacedMunicipalities) {

    public enum State {
        SUBMITTED, DRAFT, NOT_STARTED
    }

    public record DistrictStatus(String code, String name, State state) {
    }
}
