package dev.synccenter.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/**
 * C48: listening on an address other than loopback requires TLS unless the operator turns the
 * check off. The HTTP runtime says where it listens ({@code osgi.http.endpoint}); when one of those
 * is a plain {@code http:} endpoint on an address that is not loopback (a wildcard bind lists every
 * interface), every plain request is refused, whatever address it came in on. A plain request that
 * came in on an address that is not loopback is refused as well, in case the endpoints are not known.
 */
final class TlsCheck {

    private final boolean allowPlain;

    TlsCheck(boolean allowPlain) {
        this.allowPlain = allowPlain;
    }

    boolean allowPlain() {
        return allowPlain;
    }

    /** The plain endpoints that are not on loopback: serving on them is what C48 forbids. */
    static List<String> exposedPlain(Collection<String> endpoints) {
        return endpoints.stream().filter(e -> {
            try {
                URI uri = URI.create(e);
                return "http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost());
            } catch (IllegalArgumentException bad) {
                return e.startsWith("http:");
            }
        }).toList();
    }

    /** Whether a request must be refused for want of TLS. */
    boolean refuses(Inbound in, Collection<String> endpoints) {
        if (allowPlain || in.secure()) {
            return false;
        }
        return !exposedPlain(endpoints).isEmpty() || !isLoopback(in.localAddr());
    }

    /** Loopback by address literal or as "localhost"; no name is looked up (a lookup could block or lie). */
    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9a-fA-F:.%a-zA-Z]+") || !(h.contains(":") || h.matches("[0-9.]+"))) {
            return false; // a name, not an address
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
