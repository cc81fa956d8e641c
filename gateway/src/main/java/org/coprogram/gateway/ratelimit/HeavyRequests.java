package org.coprogram.gateway.ratelimit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The requests that make a service render or compute rather than read: the synthesis report in any format (HTML, PDF,
 * CSV, JSON, chosen by {@code format} or {@code Accept}), its text clusters, the adopted plan's document (HTML, PDF),
 * a survey's CSV exports, a plan's Decidim export (the whole plan zipped) and a person's data export with its parts
 * (docs/privacy.md, "Esportazione dei dati"), and a person's erasure request ({@code POST /api/me/erasure}, not
 * its status). They get a rate limit of their own ({@code gateway.rate-limit.heavy}).
 * <p>
 * The path is compared as the services will resolve it: percent-decoded, without JAX-RS matrix parameters
 * ({@code ;x=y}), empty or {@code .} segments and a trailing slash, with {@code ..} applied. Otherwise
 * {@code /synthesis/%72eport} or {@code /synthesis/report;v=1} would reach the report with only the general limit.
 */
public final class HeavyRequests {

    private static final Pattern HEAVY = Pattern
            .compile(
                    "^/api/(plans/[^/]+/(synthesis/(report|clusters)|document|exports/decidim)|surveys/[^/]+/(results|responses)\\.csv"
                            + "|me/export(/[^/]+)?)$");

    /**
     * A person's erasure request (docs/privacy.md, "Cancellazione (art. 17)"): each starts work in every service that
     * holds personal data, so its POST takes from the heavy bucket, per account. Reading its status (GET, which the
     * portal polls) does not.
     */
    private static final String ERASURE = "/api/me/erasure";

    private HeavyRequests() {
    }

    public static boolean isHeavy(String path) {
        return path != null && HEAVY.matcher(canonical(path)).matches();
    }

    /** {@link #isHeavy(String)}, or a write that is heavy: {@code POST /api/me/erasure}. */
    public static boolean isHeavy(String method, String path) {
        return isHeavy(path) || isErasureRequest(method, path);
    }

    /** {@code POST /api/me/erasure}, however the path is spelt. */
    public static boolean isErasureRequest(String method, String path) {
        return "POST".equalsIgnoreCase(method) && path != null && ERASURE.equals(canonical(path));
    }

    static String canonical(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : path.split("/", -1)) {
            int matrix = raw.indexOf(';');
            String segment = decode(matrix < 0 ? raw : raw.substring(0, matrix));
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(segment);
        }
        return "/" + String.join("/", segments);
    }

    /** Percent-decoding as UTF-8; a malformed escape is kept as it is (the service will refuse such a path anyway). */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < segment.length()) {
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
            if (segment.charAt(i) == '%' && low >= 0) {
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int end = i + Character.charCount(segment.codePointAt(i));
                byte[] encoded = segment.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
