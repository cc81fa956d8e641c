package org.coprogram.common.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, with a {@code violations} list for field errors and, for a refused file, the extension
 * members {@code errors} (each with its line and reason, at most a bounded number) and {@code errorCount} (all of them).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations, List<FileError> errors, Integer errorCount) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
