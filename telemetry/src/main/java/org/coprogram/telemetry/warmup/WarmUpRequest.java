package org.coprogram.telemetry.warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One warm-up request: a method and a path (with its query) on the process' own HTTP port. */
public record WarmUpRequest(String method, String path) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT");

    public WarmUpRequest {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("warm-up: method " + method + " is not one of " + METHODS);
        }
        if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("warm-up: the path must start with / and hold no spaces: " + path);
        }
    }

    /** {@code "GET /api/plans"}; the method in any case. */
    public static WarmUpRequest parse(String entry) {
        String[] parts = entry.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("warm-up: expected \"METHOD /path\", got \"" + entry + "\"");
        }
        return new WarmUpRequest(parts[0].toUpperCase(Locale.ROOT), parts[1]);
    }

    /** A write carries a body: {@code {}}, which its validation refuses. */
    public boolean hasBody() {
        return !method.equals("GET");
    }

    /**
     * Every request {@code rounds} times, interleaved (a, b, c, a, b, c …): each path gets hot at the same pace and a
     * bound cut short leaves none of them cold.
     */
    public static List<WarmUpRequest> plan(List<String> entries, int rounds) {
        List<WarmUpRequest> requests = entries.stream().filter(e -> !e.isBlank()).map(WarmUpRequest::parse).toList();
        List<WarmUpRequest> plan = new ArrayList<>(requests.size() * Math.max(0, rounds));
        for (int round = 0; round < rounds; round++) {
            plan.addAll(requests);
        }
        return plan;
    }
}
