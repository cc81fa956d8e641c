package org.coprogram.notification.mail;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Whether the SMTP relay is worth trying now. A relay that cannot be reached fails every message the same way, so
 * after such a failure the sender stops for a pause that doubles with each failed probe (the mail back-off's initial
 * and maximum), then tries one message (the probe) instead of a whole batch. The first message the relay accepts
 * closes the circuit. Without it, a relay down for an hour made the sender try every due row every second, each
 * try an attempt and an update: 174,242 failed attempts for 26,444 waiting mails in one bench run. A message the
 * relay reached and refused is the message's own failure, and its row backs off alone.
 */
final class RelayCircuit {

    private final Duration initialPause;
    private final Duration maxPause;
    private int failedProbes;
    private long closedAfterNanos;

    RelayCircuit(Duration initialPause, Duration maxPause) {
        this.initialPause = initialPause;
        this.maxPause = maxPause;
    }

    /** False while the pause after an unreachable relay lasts. */
    synchronized boolean mayTry(long nowNanos) {
        return failedProbes == 0 || nowNanos - closedAfterNanos >= 0;
    }

    /** How many rows a round may claim: the whole batch, or one probe while the relay is thought unreachable. */
    synchronized int claimable(int batchSize) {
        return failedProbes == 0 ? batchSize : 1;
    }

    /**
     * The relay could not be reached: pause, longer than the last time. The other messages of the round that found it
     * unreachable fail too, during the pause; they do not lengthen it.
     */
    synchronized void unreachable(long nowNanos) {
        if (failedProbes > 0 && nowNanos - closedAfterNanos < 0) {
            return;
        }
        Duration pause = initialPause.multipliedBy(1L << Math.min(failedProbes, 20));
        failedProbes++;
        closedAfterNanos = nowNanos + (pause.compareTo(maxPause) > 0 ? maxPause : pause).toNanos();
    }

    /** The relay accepted a message. */
    synchronized void reached() {
        failedProbes = 0;
    }

    synchronized boolean isOpen() {
        return failedProbes > 0;
    }

    /** A failure to connect to the relay at all, as opposed to the relay refusing one message. */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
