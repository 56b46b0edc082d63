package io.pkgpulse.producer.replay;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Client addresses as an access log writes them ({@code $remote_addr}), read without any
 * name lookup: a lookup would send the address to a DNS server. Only the literal forms
 * are read: dotted-quad IPv4, and IPv6 in any of its text forms (with {@code ::}, with a
 * trailing dotted quad, in brackets); IPv4-mapped IPv6 ({@code ::ffff:192.0.2.1}, as a
 * dual-stack listener logs IPv4 clients) is read as IPv4. Anything else, {@code -} and
 * host names included, is no address.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The address, if it is one that can be located: a public unicast address. Private,
     * shared (carrier-grade NAT), loopback, link-local, unspecified, multicast,
     * broadcast, reserved, documentation and benchmarking addresses, and IPv6
     * unique-local and site-local ones, give null, as does anything that is not an
     * address literal.
     */
    static InetAddress publicAddress(String text) {
        byte[] bytes = parse(text);
        if (bytes == null) {
            return null;
        }
        try {
            // getByAddress never looks anything up; 16 IPv4-mapped bytes give an
            // Inet4Address.
            InetAddress address = InetAddress.getByAddress(bytes);
            return isPublic(address.getAddress()) ? address : null;
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }

    /** The 4 or 16 bytes of an address literal, or null. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        String literal = text;
        if (literal.charAt(0) == '[' && literal.charAt(literal.length() - 1) == ']') {
            literal = literal.substring(1, literal.length() - 1);
        }
        return literal.indexOf(':') >= 0 ? ipv6(literal) : ipv4(literal);
    }

    /**
     * Four decimal numbers 0 to 255, without leading zeros beyond a single 0 (no octal
     * guesses).
     */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /**
     * RFC 4291 text forms; a zone ({@code %eth0}) is refused: such an address is
     * link-local anyway.
     */
    private static byte[] ipv6(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        byte[] tail = null;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new byte[16];
            }
        }
        else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int end = i;
            while (end < n && text.charAt(end) != ':') {
                end++;
            }
            String group = text.substring(i, end);
            if (group.indexOf('.') >= 0) {
                // A trailing dotted quad holds the last two groups.
                if (end != n || count > 6) {
                    return null;
                }
                tail = ipv4(group);
                if (tail == null) {
                    return null;
                }
                i = n;
                break;
            }
            if (group.isEmpty() || group.length() > 4 || count == 8) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < group.length(); j++) {
                int digit = CombinedLogParser.hex(group.charAt(j));
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            groups[count++] = value;
            if (end == n) {
                i = n;
            }
            else if (end + 1 < n && text.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i = end + 2;
            }
            else if (end + 1 == n) {
                return null;
            }
            else {
                i = end + 1;
            }
        }
        int total = count + (tail == null ? 0 : 2);
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        int zeros = 8 - total;
        int out = 0;
        for (int g = 0; g < count; g++) {
            if (g == gap) {
                out += zeros;
            }
            bytes[out * 2] = (byte) (groups[g] >>> 8);
            bytes[out * 2 + 1] = (byte) groups[g];
            out++;
        }
        if (gap == count) {
            out += zeros;
        }
        if (tail != null) {
            System.arraycopy(tail, 0, bytes, 12, 4);
        }
        return bytes;
    }

    /**
     * Whether an address (4 or 16 bytes) is public unicast, per the IANA special-purpose
     * registries.
     */
    static boolean isPublic(byte[] a) {
        if (a.length == 4) {
            int b0 = a[0] & 0xFF;
            int b1 = a[1] & 0xFF;
            int b2 = a[2] & 0xFF;
            return !(b0 == 0 // "this network", 0.0.0.0
                    || b0 == 10 // private
                    || (b0 == 100 && (b1 & 0xC0) == 64) // shared address space
                                                        // (carrier-grade NAT)
                    || b0 == 127 // loopback
                    || (b0 == 169 && b1 == 254) // link-local
                    || (b0 == 172 && (b1 & 0xF0) == 16) // private
                    || (b0 == 192 && b1 == 0 && b2 == 0) // IETF protocol assignments
                    || (b0 == 192 && b1 == 0 && b2 == 2) // documentation (TEST-NET-1)
                    || (b0 == 192 && b1 == 168) // private
                    || (b0 == 198 && (b1 & 0xFE) == 18) // benchmarking
                    || (b0 == 198 && b1 == 51 && b2 == 100) // documentation (TEST-NET-2)
                    || (b0 == 203 && b1 == 0 && b2 == 113) // documentation (TEST-NET-3)
                    || b0 >= 224); // multicast, reserved, broadcast
        }
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        if (b0 == 0) {
            // 0000::/8 is reserved: the unspecified and loopback addresses, the
            // deprecated IPv4-compatible ones,
            // NAT64's 64:ff9b::/96 (IPv4-mapped addresses were read as IPv4 before this).
            return false;
        }
        return !((b0 & 0xFE) == 0xFC // unique local fc00::/7
                || (b0 == 0xFE && (b1 & 0xC0) == 0x80) // link-local fe80::/10
                || (b0 == 0xFE && (b1 & 0xC0) == 0xC0) // site-local fec0::/10
                                                       // (deprecated)
                || b0 == 0xFF // multicast
                || (b0 == 0x20 && b1 == 0x01 && a[2] == 0x0D && (a[3] & 0xFF) == 0xB8) // documentation
                                                                                       // 2001:db8::/32
                || (b0 == 0x01 && b1 == 0 && a[2] == 0 && a[3] == 0 && a[4] == 0 && a[5] == 0 && a[6] == 0
                        && a[7] == 0)); // discard-only 100::/64
    }

}
