package org.coprogram.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final String INGRESS = "10.42.0.7";

    @Test
    void withoutTrustedProxiesTheKeyIsTheConnectionsAddressWhateverTheHeaderSays() {
        assertThat(ClientAddress.of("203.0.113.9", List.of("198.51.100.1"), 0)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("203.0.113.9", List.of(), 0)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("203.0.113.9", null, 0)).isEqualTo("203.0.113.9");
    }

    @Test
    void behindOneTrustedProxyTheKeyIsTheAddressItAppendedNotTheLeftmost() {
        // The client wrote "198.51.100.1"; the ingress appended the address it saw the client at.
        assertThat(ClientAddress.of(INGRESS, List.of("198.51.100.1, 203.0.113.9"), 1)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of(INGRESS, List.of("203.0.113.9"), 1)).isEqualTo("203.0.113.9");
    }

    @Test
    void aClientCannotChooseItsKeyByWritingTheHeaderItself() {
        for (String forged : List.of("1.1.1.1", "1.1.1.1, 2.2.2.2", "unknown", "", "::1, 10.0.0.1")) {
            String header = forged.isEmpty() ? "203.0.113.9" : forged + ", 203.0.113.9";
            assertThat(ClientAddress.of(INGRESS, List.of(header), 1)).as(header).isEqualTo("203.0.113.9");
        }
    }

    @Test
    void severalTrustedProxiesAreCountedFromTheRight() {
        // client -> CDN (appends the client) -> ingress (appends the CDN) -> gateway
        assertThat(ClientAddress.of(INGRESS, List.of("6.6.6.6, 203.0.113.9, 192.0.2.50"), 2))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void severalHeadersAreOneListInTheirOrder() {
        assertThat(ClientAddress.of(INGRESS, List.of("6.6.6.6", "203.0.113.9"), 1)).isEqualTo("203.0.113.9");
    }

    @Test
    void fewerEntriesThanTrustedProxiesFallBackToTheConnectionsAddress() {
        // Not through all the proxies (or they did not append): nothing in the header was written by them.
        assertThat(ClientAddress.of(INGRESS, List.of(), 1)).isEqualTo(INGRESS);
        assertThat(ClientAddress.of(INGRESS, List.of("203.0.113.9"), 2)).isEqualTo(INGRESS);
    }

    @Test
    void anEntryThatIsNotAnAddressFallsBackToTheConnectionsAddress() {
        assertThat(ClientAddress.of(INGRESS, List.of("1.1.1.1, unknown"), 1)).isEqualTo(INGRESS);
        assertThat(ClientAddress.of(INGRESS, List.of("1.1.1.1, "), 1)).isEqualTo(INGRESS);
        assertThat(ClientAddress.of(INGRESS, List.of("1.1.1.1, evil.example"), 1)).isEqualTo(INGRESS);
    }

    @Test
    void portsAndBracketsAreDroppedAndIpv6HasOneSpelling() {
        assertThat(ClientAddress.of(INGRESS, List.of("203.0.113.9:51234"), 1)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of(INGRESS, List.of("[2001:DB8:0:0:0:0:0:1]:443"), 1)).isEqualTo("2001:db8::1");
        assertThat(ClientAddress.of(INGRESS, List.of("2001:db8::1"), 1)).isEqualTo("2001:db8::1");
    }
}
