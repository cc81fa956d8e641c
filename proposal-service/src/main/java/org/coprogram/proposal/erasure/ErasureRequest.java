package org.coprogram.proposal.erasure;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/me/erasure}: what becomes of the person's contributions. */
@Schema(name = "ErasureRequest")
public record ErasureRequest(
        @Schema(description = "PSEUDONYMOUS: i contributi restano, senza legame con l'account e con uno pseudonimo casuale nuovo; WITHDRAW: sono ritirati come farebbe chi li ha scritti", enumeration = {
                "PSEUDONYMOUS", "WITHDRAW"}, required = true) String contributions){
}
