package org.coprogram.common.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.sql.NativeSelects;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The ids of the events a consumer applied ({@code processed_event}), written in the transaction of their effect: the
 * current Panache session's. Old ids are pruned by {@code EventRetention}.
 */
@ApplicationScoped
public class ProcessedEventRepository {

    /** Records the event id for {@code consumer}; true when it had not been seen before. */
    public Uni<Boolean> firstDelivery(String consumer, UUID eventId) {
        return Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :id)"
                                + " ON CONFLICT DO NOTHING")
                        .setParameter("consumer", consumer)
                        .setParameter("id", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * Records the ids of a batch for {@code consumer} in one statement; the events not seen before, in their order,
     * each once (a batch may hold the same event twice when a producer retried).
     */
    public Uni<List<ReceivedEvent>> firstDeliveries(String consumer, List<ReceivedEvent> events) {
        StringBuilder sql = new StringBuilder(
                "WITH inserted AS (INSERT INTO processed_event (consumer, event_id) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:consumer, :id").append(i).append(')');
        }
        sql.append(" ON CONFLICT DO NOTHING RETURNING event_id) SELECT event_id FROM inserted");
        return Panache.getSession().flatMap(session -> {
            var query = NativeSelects.bindOutsidePlanCache(session.createNativeQuery(sql.toString()), "consumer",
                    consumer);
            for (int i = 0; i < events.size(); i++) {
                query.setParameter("id" + i, events.get(i).id());
            }
            return query.getResultList();
        }).map(rows -> {
            Set<UUID> inserted = new HashSet<>();
            rows.forEach(row -> inserted.add(UUID.fromString(String.valueOf(row))));
            return events.stream().filter(event -> inserted.remove(event.id())).toList();
        });
    }
}
