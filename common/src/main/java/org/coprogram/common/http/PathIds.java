package org.coprogram.common.http;

import java.util.UUID;

import org.coprogram.common.problem.ProblemException;

/** A path segment that should be a UUID: anything else names no resource, so it is a 404, not a 400. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID parse(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(notFound);
        }
    }
}
