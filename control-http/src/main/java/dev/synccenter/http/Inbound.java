package dev.synccenter.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the security checks look at in a request, as plain values so that {@link Guard} is testable
 * without a servlet container.
 *
 * @param path      the path inside the context, e.g. {@code /api/handlers}
 * @param secure    whether it came over TLS
 * @param host      the Host header (the server's own origin is scheme://host)
 * @param localAddr the address the connection came in on
 * @param from      the peer, {@code address:port}
 */
record Inbound(String method, String path, boolean secure, String scheme, String host, String localAddr,
        String from, String authorization, String origin, String fetchSite, String sessionCookie,
        String csrfHeader) {

    static final String SESSION_COOKIE = "synccenter_session";
    /** Any value in this header marks a call from our own pages (C51); other sites cannot send it without CORS. */
    static final String CSRF_HEADER = "X-SyncCenter-CSRF";

    static Inbound of(HttpServletRequest r) {
        String path = (r.getServletPath() == null ? "" : r.getServletPath())
                + (r.getPathInfo() == null ? "" : r.getPathInfo());
        return new Inbound(r.getMethod(), path, r.isSecure(), r.getScheme(), r.getHeader("Host"), r.getLocalAddr(),
                peer(r), r.getHeader("Authorization"), r.getHeader("Origin"), r.getHeader("Sec-Fetch-Site"),
                cookie(r), r.getHeader(CSRF_HEADER));
    }

    static String peer(HttpServletRequest r) {
        String address = r.getRemoteAddr();
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + r.getRemotePort();
    }

    private static String cookie(HttpServletRequest r) {
        Cookie[] cookies = r.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (SESSION_COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** GET, HEAD and OPTIONS read; anything else may change state (C49, C51). */
    boolean changesState() {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }
}
