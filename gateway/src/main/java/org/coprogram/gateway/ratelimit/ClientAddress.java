package org.coprogram.gateway.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.util.NetUtil;

/**
 * The address a request comes from, as far as the gateway can trust it: the key of the anonymous rate limit.
 * <p>
 * {@code X-Forwarded-For} is a list anyone can start: a client sends {@code X-Forwarded-For: 1.2.3.4} and every proxy
 * on the way appends the address it received the connection from. Only the entries appended by the proxies the
 * deployment put in front of the gateway are facts, so the client's address is the one the outermost trusted proxy
 * appended: with {@code trustedProxies} proxies, the entry that many places from the right of the chain made of the
 * header's entries followed by the connection's own address. With no trusted proxy the header is not read at all.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param remoteAddress the address of the connection (the nearest proxy when there is one)
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order (each may list several)
     * @param trustedProxies how many reverse proxies sit in front of the gateway
     */
    public static String of(String remoteAddress, List<String> forwardedFor, int trustedProxies) {
        if (trustedProxies <= 0 || forwardedFor == null || forwardedFor.isEmpty()) {
            return remoteAddress;
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",", -1)) {
                chain.add(entry.trim());
            }
        }
        chain.add(remoteAddress);
        int index = chain.size() - 1 - trustedProxies;
        if (index < 0) {
            // Fewer hops than proxies configured: the request did not come through all of them, and what it carries
            // was not written by them. The connection's address is the only fact.
            return remoteAddress;
        }
        String address = literal(chain.get(index));
        return address != null ? address : remoteAddress;
    }

    /** The IP address in an {@code X-Forwarded-For} entry ({@code 10.0.0.1}, {@code 10.0.0.1:4711}, {@code [::1]:80}). */
    static String literal(String entry) {
        String value = entry;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? "" : value.substring(1, end);
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':')); // IPv4 with a port
        }
        if (NetUtil.isValidIpV4Address(value)) {
            return value;
        }
        if (NetUtil.isValidIpV6Address(value)) {
            // one spelling per address (RFC 5952), so that ::1 and 0:0:0:0:0:0:0:1 share a bucket
            InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(value);
            return (parsed == null ? value : NetUtil.toAddressString(parsed)).toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
