package org.coprogram.synthesis.traceability;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.plandocument.PlanDocument;
import org.coprogram.synthesis.plandocument.PlanDocumentRepository;
import org.coprogram.synthesis.plandocument.PlanDocumentRepository.VersionStamp;
import org.coprogram.synthesis.traceability.TraceabilityService.Published;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * A plan's published versions, read: every measure page and fate page needs them all. A version is inserted once and
 * never changed (V1_8__plan_document.sql), so each is read and parsed once and kept; every call still asks which
 * versions the plan has (one index read, no document), so a new version shows at once. Kept by plan, version and
 * publication time, so a version that is not the one read earlier (a database rebuilt under the same plan id) is read
 * again. Bounded by the documents' size (docs/performance.md, "Plan pages").
 */
@ApplicationScoped
public class PublishedVersions {

    /** The most document text kept, in characters: about 25 versions of a 300-measure plan. */
    static final long MAX_CHARS = 8_000_000;

    record Key(UUID planId, int version, OffsetDateTime publishedAt) {
    }

    private final Cache<Key, Published> read = Caffeine.newBuilder().maximumWeight(MAX_CHARS)
            .<Key, Published>weigher((key, published) -> published.weight()).build();
    private final PlanDocumentRepository documents;
    private final ObjectMapper json;

    PublishedVersions(PlanDocumentRepository documents, ObjectMapper json) {
        this.documents = documents;
        this.json = json;
    }

    /** Every published version of the plan, oldest first. */
    Uni<List<Published>> of(UUID planId) {
        return documents.versionStamps(planId).flatMap(stamps -> {
            Map<Integer, Published> known = new HashMap<>();
            List<Integer> missing = new ArrayList<>();
            for (VersionStamp stamp : stamps) {
                Published found = read.getIfPresent(key(planId, stamp));
                if (found != null) {
                    known.put(stamp.version(), found);
                } else {
                    missing.add(stamp.version());
                }
            }
            return documents.versions(planId, missing).map(rows -> {
                for (PlanDocumentRepository.VersionRow row : rows) {
                    Published published = new Published(row.version(), row.publishedAt(), parse(row.document()),
                            row.document().length());
                    read.put(new Key(planId, row.version(), row.publishedAt()), published);
                    known.put(row.version(), published);
                }
                // A version published between the two reads is left for the next call; none is ever removed.
                return stamps.stream().map(s -> known.get(s.version())).filter(java.util.Objects::nonNull)
                        .toList();
            });
        });
    }

    private static Key key(UUID planId, VersionStamp stamp) {
        return new Key(planId, stamp.version(), stamp.publishedAt());
    }

    private PlanDocument parse(String document) {
        try {
            return json.readValue(document, PlanDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored plan document is not readable", e);
        }
    }
}
