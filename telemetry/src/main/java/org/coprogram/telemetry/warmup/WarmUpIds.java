package org.coprogram.telemetry.warmup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;

/**
 * Real ids for the warm-up's paths. An entry {@code plan=/api/plans#/items/0/id} reads the path once and names the
 * value at the JSON pointer; the warm-up's paths then say {@code {plan}} where they would otherwise carry the nil id,
 * so they read real rows into JSON instead of ending on a 404. Entries are resolved in order and may use the names
 * before them. A name that cannot be resolved (an empty platform, a dependency down, an answer that is not an id)
 * stays the nil id: the warm-up is then what it was without discovery, never an error.
 */
public final class WarmUpIds {

    static final String NIL = "00000000-0000-0000-0000-000000000000";
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-zA-Z0-9]*)}");
    /** What may stand in a path segment: our ids are UUIDs; anything else is not put into a URL. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** One discovery: the name, the path to read, and the pointer to the id in its JSON answer. */
    public record Discovery(String name, String path, String pointer) {
    }

    private final Map<String, String> ids;

    private WarmUpIds(Map<String, String> ids) {
        this.ids = ids;
    }

    /** {@code name=/path#/pointer}, one per entry; a malformed one is refused at start, like a malformed request. */
    public static List<Discovery> parse(List<String> entries) {
        List<Discovery> discoveries = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            int hash = entry.lastIndexOf('#');
            String name = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (!NAME.matcher(name).matches() || hash < equals || !entry.substring(equals + 1).trim().startsWith("/")
                    || !entry.substring(hash + 1).startsWith("/")) {
                throw new IllegalArgumentException(
                        "warm-up: expected \"name=/path#/json/pointer\", got \"" + entry + "\"");
            }
            discoveries.add(new Discovery(name, entry.substring(equals + 1, hash).trim(), entry.substring(hash + 1)));
        }
        return discoveries;
    }

    /**
     * Refuses at start what would otherwise only fail on the warm-up's thread: a malformed entry, or a placeholder in a
     * discovery path or a request path that no entry before it names (a typo would silently stay the nil id).
     */
    public static void check(List<Discovery> discoveries, List<String> requestPaths) {
        Set<String> named = new HashSet<>();
        for (Discovery discovery : discoveries) {
            requireNamed(discovery.path(), named);
            named.add(discovery.name());
        }
        requestPaths.forEach(path -> requireNamed(path, named));
    }

    private static void requireNamed(String path, Set<String> named) {
        Matcher matcher = PLACEHOLDER.matcher(path);
        while (matcher.find()) {
            if (!named.contains(matcher.group(1))) {
                throw new IllegalArgumentException("warm-up: {" + matcher.group(1) + "} in " + path
                        + " is named by no coprogram.warmup.discover entry before it");
            }
        }
    }

    /** Resolves each discovery in order through {@code read} (a path's JSON answer, empty when none came). */
    public static WarmUpIds resolve(List<Discovery> discoveries, Function<String, Optional<String>> read) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Discovery discovery : discoveries) {
            WarmUpIds known = new WarmUpIds(ids);
            read.apply(known.fill(discovery.path())).flatMap(body -> idAt(body, discovery.pointer()))
                    .ifPresent(id -> ids.put(discovery.name(), id));
        }
        return new WarmUpIds(Collections.unmodifiableMap(ids));
    }

    public static WarmUpIds none() {
        return new WarmUpIds(Map.of());
    }

    /** The names resolved, for the log. */
    public Map<String, String> known() {
        return ids;
    }

    /** {@code path} with each {@code {name}} replaced by its id, or by the nil id when it has none. */
    public String fill(String path) {
        Matcher matcher = PLACEHOLDER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(ids.getOrDefault(matcher.group(1), NIL)));
        }
        return matcher.appendTail(filled).toString();
    }

    private static Optional<String> idAt(String body, String pointer) {
        try {
            Object value = JsonPointer.from(pointer).queryJson(new JsonObject(body));
            return value instanceof String id && ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
