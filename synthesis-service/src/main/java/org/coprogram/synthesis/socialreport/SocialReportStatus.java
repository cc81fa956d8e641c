package org.coprogram.synthesis.socialreport;

public enum SocialReportStatus {
    DRAFT, SUBMITTED
}
