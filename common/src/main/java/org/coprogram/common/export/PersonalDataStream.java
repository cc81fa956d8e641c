package org.coprogram.common.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * A service's part of a person's data export (GDPR art. 15/20, docs/privacy.md "Esportazione dei dati"), written as it is
 * read: one JSON object whose fields are the service's name, the account and one array per section. Each section is
 * read in keyset pages of at most {@link #PAGE_SIZE} rows ({@code WHERE (key) > (last key) ORDER BY key LIMIT n}); a
 * page is asked for only when the one before has been written to the response (the stream is pulled by the HTTP
 * response's demand), so at most one page per export is ever in memory, whatever the person's history.
 */
public final class PersonalDataStream {

    /** Rows per statement: every section's repository reads at most this many rows at a time. */
    public static final int PAGE_SIZE = 200;

    /**
     * One array of the part.
     *
     * @param name its field
     * @param pages the next page after the given last row (null: the first page), at most {@code pageSize} rows, in
     *        key order
     */
    public record Section<T>(String name, int pageSize, Function<T, Uni<List<T>>> pages) {

        public static <T> Section<T> of(String name, Function<T, Uni<List<T>>> pages) {
            return new Section<>(name, PAGE_SIZE, pages);
        }
    }

    private PersonalDataStream() {
    }

    /** The fields every part opens with: which service wrote it, for which account (more may be added after). */
    public static Map<String, Object> header(String service, String account) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("service", service);
        header.put("account", account);
        return header;
    }

    /**
     * The part as an export endpoint's response body: the buffers of {@link #of} written as they come, one asked for
     * at a time, so the HTTP response's demand paces the reads.
     */
    public static Multi<Buffer> response(ObjectMapper json, Map<String, Object> header, List<Section<?>> sections) {
        return RestMulti.fromMultiData(of(json, header, sections)).encodeAsJsonArray(false).withDemand(1).build();
    }

    /**
     * The part as a stream of buffers: the opening with {@code header}'s fields, then each section's pages (one buffer
     * per page), then the closing brace. A failing statement fails the stream, so the response is cut short instead
     * of ending as a complete document.
     */
    public static Multi<Buffer> of(ObjectMapper json, Map<String, Object> header, List<Section<?>> sections) {
        List<Multi<Buffer>> parts = new ArrayList<>();
        String opening = write(json, header);
        // the header's object without its closing brace: the sections follow as its further fields
        String start = opening.substring(0, opening.length() - 1);
        boolean first = header.isEmpty();
        parts.add(Multi.createFrom().item(Buffer.buffer(start)));
        for (Section<?> section : sections) {
            String name = write(json, section.name());
            parts.add(Multi.createFrom().item(Buffer.buffer((first ? "" : ",") + name + ":[")));
            parts.add(rows(json, section));
            parts.add(Multi.createFrom().item(Buffer.buffer("]")));
            first = false;
        }
        parts.add(Multi.createFrom().item(Buffer.buffer("}")));
        return Multi.createBy().concatenating().streams(parts);
    }

    private static <T> Multi<Buffer> rows(ObjectMapper json, Section<T> section) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<Boolean> written = new AtomicReference<>(false);
        return Multi.createBy().repeating()
                .uni(() -> last, state -> section.pages().apply(state.get()).invoke(page -> {
                    if (!page.isEmpty()) {
                        state.set(page.get(page.size() - 1));
                    }
                }))
                .whilst(page -> page.size() >= section.pageSize())
                .filter(page -> !page.isEmpty())
                .map(page -> {
                    StringBuilder chunk = new StringBuilder();
                    for (T row : page) {
                        if (written.get()) {
                            chunk.append(',');
                        }
                        chunk.append(write(json, row));
                        written.set(true);
                    }
                    return Buffer.buffer(chunk.toString());
                });
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serialisable in an export: " + value.getClass().getName(), e);
        }
    }
}
