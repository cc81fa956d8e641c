package org.coprogram.synthesis.readmodel;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Records that a pseudonymous person took part in a plan, where and as what; a set, so order does not matter. */
final class Presence {

    private Presence() {
    }

    static Uni<Void> record(UUID planId, String service, String pseudonym, String municipality, String district,
            String province, String category) {
        if (pseudonym == null || pseudonym.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.update("INSERT INTO participant_presence (plan_id, participant, municipality, district, province,"
                + " category) VALUES (:plan, :participant, :municipality, :district, :province, :category)"
                + " ON CONFLICT DO NOTHING",
                Params.of("plan", planId, "participant", service + ":" + pseudonym, "municipality",
                        municipality == null ? "" : municipality, "district", district, "province", province,
                        "category", category == null ? "" : category))
                .replaceWithVoid();
    }
}
