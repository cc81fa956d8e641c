package org.coprogram.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;

class RelayCircuitTest {

    private static final long SECOND = 1_000_000_000L;

    private final RelayCircuit circuit = new RelayCircuit(Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void aReachableRelayTakesWholeBatchesEveryRound() {
        assertThat(circuit.mayTry(0)).isTrue();
        assertThat(circuit.claimable(50)).isEqualTo(50);
        assertThat(circuit.isOpen()).isFalse();
    }

    @Test
    void anUnreachableRelayPausesTheSenderThenGetsOneProbe() {
        circuit.unreachable(0);

        assertThat(circuit.mayTry(4 * SECOND)).isFalse();
        assertThat(circuit.mayTry(5 * SECOND)).isTrue();
        assertThat(circuit.claimable(50)).isEqualTo(1);
    }

    @Test
    void theRestOfTheRoundFailingDuringThePauseDoesNotLengthenIt() {
        circuit.unreachable(0);
        for (int message = 1; message < 50; message++) {
            circuit.unreachable(message);
        }
        assertThat(circuit.mayTry(5 * SECOND)).isTrue();
    }

    @Test
    void eachFailedProbeDoublesThePauseUpToTheMaximum() {
        long now = 0;
        long[] pauses = new long[5];
        for (int probe = 0; probe < pauses.length; probe++) {
            circuit.unreachable(now);
            long resumes = now;
            while (!circuit.mayTry(resumes)) {
                resumes += SECOND;
            }
            pauses[probe] = (resumes - now) / SECOND;
            now = resumes;
        }
        assertThat(pauses).containsExactly(5, 10, 20, 30, 30);
    }

    @Test
    void aMessageTheRelayAcceptsClosesTheCircuit() {
        circuit.unreachable(0);
        circuit.reached();

        assertThat(circuit.mayTry(1)).isTrue();
        assertThat(circuit.claimable(50)).isEqualTo(50);
        assertThat(circuit.isOpen()).isFalse();
    }

    @Test
    void onlyAFailureToConnectIsTheRelayBeingUnreachable() {
        assertThat(RelayCircuit.isUnreachable(new VertxException(new ConnectException("Connection refused")))).isTrue();
        assertThat(RelayCircuit.isUnreachable(new IllegalStateException("550 mailbox unavailable"))).isFalse();
        assertThat(RelayCircuit.isUnreachable(new IOException("connection reset"))).isFalse();
    }
}
