package dev.synccenter.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * C51's check of where a state-changing request comes from. A browser says so in {@code Origin}
 * and {@code Sec-Fetch-Site}: a request from another site is refused whatever its credentials. A
 * request authenticated by the session cookie (the only credential a browser adds by itself) must
 * in addition prove it comes from our own pages: a same-origin {@code Origin}, or the
 * {@value Inbound#CSRF_HEADER} header, which another site's page cannot send without a CORS
 * preflight that this server never allows. The SameSite=Strict cookie is the first line; this is
 * the second.
 */
final class OriginCheck {

    private final Set<String> allowed;

    /** @param allowedOrigins origins besides the server's own, e.g. a reverse proxy's {@code https://sync.example} */
    OriginCheck(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginCheck::normalize).collect(Collectors.toSet());
    }

    /** Why a state-changing request is cross-site, or null when it is not (or cannot be told). */
    String crossSite(Inbound in) {
        String site = in.fetchSite();
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")
                && !allowed.contains(normalize(in.origin()))) {
            return "Sec-Fetch-Site is " + Text.clean(site);
        }
        if (in.origin() != null && !sameOrigin(in)) {
            return "Origin " + Text.clean(in.origin()) + " is not this server's";
        }
        return null;
    }

    /**
     * Whether the Host header of a request that came in on loopback names this server: a loopback
     * address, {@code localhost}, or the host of an allowed origin (a reverse proxy that passes its
     * Host on). Any other name means a page whose own name now resolves to 127.0.0.1 (DNS
     * rebinding): its requests are same-origin to the browser, so they must be refused here. No
     * Host (HTTP/1.0) is let through: browsers always send one.
     */
    boolean loopbackHost(String host) {
        if (host == null) {
            return true;
        }
        String h = host.strip();
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && h.indexOf(']') < colon && (h.startsWith("[") || h.indexOf(':') == colon)) {
            h = h.substring(0, colon); // the port
        }
        if (TlsCheck.isLoopback(h)) {
            return true;
        }
        String name = h.toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(o -> name.equals(URI.create(o).getHost()));
    }

    /** Whether a cookie-authenticated state change shows it comes from our own pages. */
    boolean provesOwnPage(Inbound in) {
        return (in.origin() != null && sameOrigin(in)) || (in.csrfHeader() != null && !in.csrfHeader().isBlank());
    }

    private boolean sameOrigin(Inbound in) {
        String origin = normalize(in.origin());
        if (origin == null) {
            return false; // "null" (a sandboxed or privacy-sensitive context) or garbage
        }
        return origin.equals(normalize(in.scheme() + "://" + in.host())) || allowed.contains(origin);
    }

    /** scheme://host:port in lower case with the default port made explicit; null if it is no origin. */
    static String normalize(String origin) {
        if (origin == null || origin.equals("null")) {
            return null;
        }
        try {
            URI uri = URI.create(origin.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
