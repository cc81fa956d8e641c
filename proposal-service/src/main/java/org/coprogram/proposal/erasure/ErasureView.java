package org.coprogram.proposal.erasure;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An erasure request as its person sees it: overall state and each service's. No account id. */
@Schema(name = "ErasureRequestStatus")
public record ErasureView(UUID id, ErasureStatus status, OffsetDateTime requestedAt,
        Map<String, ErasureStatus> services) {
}
