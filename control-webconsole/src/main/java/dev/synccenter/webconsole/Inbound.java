package dev.synccenter.webconsole;

/**
 * What the gate needs to know of a request to the web console; read from the servlet request by
 * {@link ConsoleSecurityProvider}, built directly by tests.
 *
 * @param method        the HTTP method
 * @param path          the request URI, for the audit trail
 * @param authorization the Authorization header, or null
 * @param origin        the Origin header, or null
 * @param fetchSite     the Sec-Fetch-Site header, or null
 * @param ownOrigin     this server's origin as the client addressed it ({@code scheme://host[:port]})
 * @param secure        whether the request came over TLS
 * @param localLoopback whether it arrived on a loopback address
 * @param peer          the client's address and port
 */
record Inbound(String method, String path, String authorization, String origin, String fetchSite, String ownOrigin,
        boolean secure, boolean localLoopback, String peer) {

    /** GET, HEAD and OPTIONS read; everything else may change something (install a bundle, set a configuration). */
    boolean changesState() {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }
}
