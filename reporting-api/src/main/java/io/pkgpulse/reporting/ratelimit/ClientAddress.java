package io.pkgpulse.reporting.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client a request is counted under: {@link HttpServletRequest#getRemoteAddr()},
 * which is the proxy's address unless {@code server.forward-headers-strategy} makes the
 * server read {@code X-Forwarded-For} (see docs/security.md). An IPv6 client is counted
 * by its /64 network, since one host usually holds a whole /64 and could otherwise take a
 * new address per request.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return group(request.getRemoteAddr());
    }

    static String group(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        // An IPv6 literal (a host name cannot contain ':'), so no name lookup happens
        // here.
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        }
        catch (UnknownHostException ex) {
            return address;
        }
    }

}
