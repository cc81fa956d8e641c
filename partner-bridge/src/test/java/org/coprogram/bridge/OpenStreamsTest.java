package org.coprogram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.coprogram.bridge.OpenStreams.Admission;
import org.junit.jupiter.api.Test;

class OpenStreamsTest {

    /** 5 streams in all, 2 per partner. */
    private final OpenStreams streams = new OpenStreams(5, 2);

    @Test
    void aPartnerAtItsCapIsRefusedWhileAnotherPartnerStillOpensAStream() {
        assertThat(streams.open("client:a", "sse-a-1")).isEqualTo(Admission.OPENED);
        assertThat(streams.open("client:a", "sse-a-2")).isEqualTo(Admission.OPENED);

        assertThat(streams.open("client:a", "sse-a-3")).isEqualTo(Admission.PARTNER_FULL);
        assertThat(streams.open("client:b", "sse-b")).isEqualTo(Admission.OPENED);
        assertThat(streams.open("client:a")).isEqualTo(2);
    }

    @Test
    void aClosedStreamGivesItsSlotBack() {
        streams.open("client:a", "sse-a-1");
        streams.open("client:a", "sse-a-2");
        streams.close("client:a", "sse-a-1");

        assertThat(streams.open("client:a", "sse-a-3")).isEqualTo(Admission.OPENED);
        streams.close("client:a", "sse-a-1"); // closing twice gives nothing back twice
        assertThat(streams.open("client:a", "sse-a-4")).isEqualTo(Admission.PARTNER_FULL);
    }

    @Test
    void aGroupHoldsOneStreamAndTheGatewayItsMaximum() {
        assertThat(streams.open("client:a", "sse-a")).isEqualTo(Admission.OPENED);
        assertThat(streams.open("client:a", "sse-a")).isEqualTo(Admission.GROUP_OPEN);
        streams.open("client:b", "sse-b-1");
        streams.open("client:b", "sse-b-2");
        streams.open("client:c", "sse-c-1");
        streams.open("client:c", "sse-c-2");

        assertThat(streams.open("client:d", "sse-d")).isEqualTo(Admission.GATEWAY_FULL);
        streams.close("client:c", "sse-c-2");
        assertThat(streams.open("client:d", "sse-d")).isEqualTo(Admission.OPENED);
    }
}
