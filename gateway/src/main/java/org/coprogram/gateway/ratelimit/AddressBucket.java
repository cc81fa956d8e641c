package org.coprogram.gateway.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

import io.netty.util.NetUtil;

/**
 * Which anonymous bucket an address draws from. An IPv4 address is one bucket. An IPv6 address is not: a single
 * subscriber is routinely given a whole /64 (RFC 6177), and picks a new address in it at will (privacy addresses,
 * RFC 8981), so counting per address would hand one client 2^64 buckets. The /64 prefix is the unit a client holds.
 */
final class AddressBucket {

    private static final int IPV6_PREFIX_BYTES = 8;

    private AddressBucket() {
    }

    /** {@code 10.0.0.1} as is, {@code 2001:db8:1:2:a:b:c:d} as {@code 2001:db8:1:2::/64}; anything else as given. */
    static String of(String address) {
        if (address == null || !NetUtil.isValidIpV6Address(address)) {
            return address;
        }
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress(); // ::ffff:10.0.0.1 is the IPv4 client 10.0.0.1
        }
        if (!(parsed instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
        Arrays.fill(prefix, IPV6_PREFIX_BYTES, prefix.length, (byte) 0);
        return NetUtil.bytesToIpAddress(prefix) + "/64";
    }
}
