package org.coprogram.bridge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The partner streams open on this gateway: one at most per consumer group, a few per partner, a bounded number in
 * all (each holds a Kafka consumer and a thread). A partner at its cap cannot take the slots other partners need.
 */
final class OpenStreams {

    enum Admission {
        /** The stream may start; {@link #close} gives its slot back. */
        OPENED,
        /** A stream of this consumer group is already open (409). */
        GROUP_OPEN,
        /** The partner has its maximum of streams open (429). */
        PARTNER_FULL,
        /** The gateway has its maximum of streams open, across partners (503). */
        GATEWAY_FULL
    }

    private final int max;
    private final int maxPerPartner;
    private final Set<String> groups = new HashSet<>();
    private final Map<String, Integer> perPartner = new HashMap<>();

    OpenStreams(int max, int maxPerPartner) {
        this.max = max;
        this.maxPerPartner = maxPerPartner;
    }

    synchronized Admission open(String partner, String group) {
        if (groups.contains(group)) {
            return Admission.GROUP_OPEN;
        }
        if (perPartner.getOrDefault(partner, 0) >= maxPerPartner) {
            return Admission.PARTNER_FULL;
        }
        if (groups.size() >= max) {
            return Admission.GATEWAY_FULL;
        }
        groups.add(group);
        perPartner.merge(partner, 1, Integer::sum);
        return Admission.OPENED;
    }

    synchronized void close(String partner, String group) {
        if (groups.remove(group)) {
            perPartner.computeIfPresent(partner, (key, open) -> open > 1 ? open - 1 : null);
        }
    }

    synchronized int open(String partner) {
        return perPartner.getOrDefault(partner, 0);
    }

    int maxPerPartner() {
        return maxPerPartner;
    }
}
