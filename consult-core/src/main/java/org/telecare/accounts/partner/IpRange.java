package org.telecare.accounts.partner;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One entry of a partner's IP allow-list: an exact IPv4 or IPv6 address ({@code 10.0.0.1},
 * {@code 2001:db8::7}) or a CIDR range ({@code 10.20.0.0/16}, {@code 2001:db8::/32}). Only
 * address literals are accepted, never host names (no DNS lookups, ever). Host bits of a range are
 * cleared ({@code 10.0.0.9/8} is {@code 10.0.0.0/8}). IPv4 and IPv6 never match each other, except
 * that an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is treated as the IPv4 address.
 */
public final class IpRange {
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses an address or CIDR range; {@link IllegalArgumentException} with a clear message if it is neither. */
    public static IpRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IP address or CIDR range is required");
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + t);
        }
        byte[] bytes = parsed.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!PREFIX.matcher(p).matches() || Integer.parseInt(p) > max) {
                throw new IllegalArgumentException("bad prefix length in " + t + " (0.." + max + ")");
            }
            prefix = Integer.parseInt(p);
        }
        for (int bit = prefix; bit < max; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpRange(bytes, prefix);
    }

    /**
     * The address of a literal ({@code null} if it is not one): dotted-quad IPv4 or IPv6 (a zone
     * id such as {@code %eth0} is ignored).
     */
    static InetAddress literal(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        String a = address;
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0 && a.indexOf(':') >= 0) {
            a = a.substring(0, zone);
        }
        if (a.indexOf(':') < 0 && !DOTTED_QUAD.matcher(a).matches()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(a);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** Whether the literal {@code address} is inside; false for anything that is not an address literal. */
    public boolean contains(String address) {
        InetAddress a = literal(address);
        return a != null && contains(a);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** Canonical text: the address alone for a single address, otherwise {@code network/prefix}. */
    @Override
    public String toString() {
        try {
            String host = InetAddress.getByAddress(network.clone()).getHostAddress();
            return prefixLength == network.length * 8 ? host : host + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
