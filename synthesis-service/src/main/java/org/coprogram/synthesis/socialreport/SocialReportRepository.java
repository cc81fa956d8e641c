package org.coprogram.synthesis.socialreport;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** The districts' social reports of a plan. */
@ApplicationScoped
public class SocialReportRepository {

    /** The report, or null if unknown. */
    public Uni<SocialReport> find(UUID reportId) {
        return SocialReport.findById(reportId);
    }

    /** The district's report in the plan, or null. */
    public Uni<SocialReport> find(UUID planId, String districtCode) {
        return SocialReport.find("planId = ?1 and districtCode = ?2", planId, districtCode).firstResult();
    }

    public Uni<List<SocialReport>> ofPlan(UUID planId) {
        return SocialReport.list("planId", planId);
    }

    /** The plan's submitted reports not yet published. */
    public Uni<List<SocialReport>> submittedUnpublished(UUID planId) {
        return SocialReport.list("planId = ?1 and status = ?2 and published = false", planId,
                SocialReportStatus.SUBMITTED);
    }
}
