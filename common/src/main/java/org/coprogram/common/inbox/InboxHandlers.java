package org.coprogram.common.inbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Which handler applies one event of each incoming channel, so that a parked event can be replayed through the handler
 * that failed on it. Consumers register at startup ({@link EventInbox#register}); every consumption also registers
 * its handler if none was.
 */
@ApplicationScoped
public class InboxHandlers {

    private final Map<String, Function<ReceivedEvent, Uni<Void>>> byChannel = new ConcurrentHashMap<>();

    void register(String channel, Function<ReceivedEvent, Uni<Void>> handler) {
        byChannel.put(channel, handler);
    }

    void registerIfAbsent(String channel, Function<ReceivedEvent, Uni<Void>> handler) {
        byChannel.putIfAbsent(channel, handler);
    }

    Optional<Function<ReceivedEvent, Uni<Void>>> of(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }
}
