package org.coprogram.synthesis.socialreport;

import java.util.List;

/** Which districts of the plan's region have submitted, drafted or not started their report. */
public record Coverage(int districts, int submitted, int draft, int notStarted, List<DistrictStatus> byDistrict) {

    public enum State {
        SUBMITTED, DRAFT, NOT_STARTED
    }

    public record DistrictStatus(String code, String name, State state) {
    }
}
