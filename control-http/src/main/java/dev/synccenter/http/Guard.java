package dev.synccenter.http;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.Role;

/**
 * Decides whether a request to the {@code /synccenter} context may go on, and as whom: TLS (C48),
 * the Host a loopback connection names (DNS rebinding, C48), where a state change comes from (C51),
 * who the caller is (C48) and whether the role allows the call (C49). Plain Java, so that every refusal is testable without a server; {@link SecurityContext}
 * applies the verdict. Reads (GET, HEAD) need a viewer, anything else an operator; logging in needs
 * no credentials and logging out any caller. The one exception: a GET or HEAD of the web console's
 * static files ({@link #isConsoleFile}) needs no credentials, so that a browser can load the login
 * page; those files hold no data, which the API gives to authenticated callers only.
 */
final class Guard {

    static final String LOGIN = "/api/login";
    static final String LOGOUT = "/api/logout";
    /** The web console's page (the context's root) and its static files below this folder (control-console). */
    static final String CONSOLE_FILES = "/console/";

    /** A request that may go on as {@code caller}, or one refused with {@code status}. */
    record Verdict(Caller caller, int status, String error, String reason) {
        static Verdict allow(Caller caller) {
            return new Verdict(caller, 0, null, null);
        }

        static Verdict refuse(int status, String error, String reason) {
            return new Verdict(null, status, error, reason);
        }

        boolean allowed() {
            return status == 0;
        }
    }

    private final Supplier<Authenticator> authenticator;
    private final Supplier<Collection<String>> endpoints;
    private final TlsCheck tls;
    private final OriginCheck origins;

    Guard(Supplier<Authenticator> authenticator, Supplier<Collection<String>> endpoints, TlsCheck tls,
            OriginCheck origins) {
        this.authenticator = authenticator;
        this.endpoints = endpoints;
        this.tls = tls;
        this.origins = origins;
    }

    Verdict check(Inbound in) {
        if (tls.refuses(in, endpoints.get())) {
            return Verdict.refuse(403, "this server listens on an address other than loopback without TLS: turn on"
                    + " HTTPS, or bind to 127.0.0.1 (C48); see the distribution's README", "TLS_REQUIRED");
        }
        if (TlsCheck.isLoopback(in.localAddr()) && !origins.loopbackHost(in.host())) {
            return Verdict.refuse(403, "Host " + Text.clean(in.host()) + " is not a name of this loopback server:"
                    + " use 127.0.0.1 or localhost, or add the origin to allowed.origins (C48)", "HOST");
        }
        if (isConsoleFile(in)) {
            return Verdict.allow(null); // static files, no data: the login page must load without credentials
        }
        if (in.changesState()) {
            String crossSite = origins.crossSite(in);
            if (crossSite != null) {
                return Verdict.refuse(403, "cross-site request refused: " + crossSite + " (C51)", "CROSS_SITE");
            }
        }
        Authenticator auth = authenticator.get();
        if (auth == null) {
            return Verdict.refuse(503, "no authenticator is running, so no caller is accepted (C48)",
                    "NO_AUTHENTICATOR");
        }
        if (in.path().equals(LOGIN)) {
            return Verdict.allow(null); // the login servlet checks the password itself
        }
        Optional<Caller> caller;
        String missing;
        if (in.authorization() != null) {
            caller = safely(() -> auth.authorization(in.authorization()));
            missing = "the Authorization header's credentials are not valid";
        } else if (in.sessionCookie() != null) {
            caller = safely(() -> auth.session(in.sessionCookie()));
            missing = "the session has ended or is unknown; log in again";
        } else {
            caller = Optional.empty();
            missing = "authentication required: a Bearer token, Basic credentials or a session cookie";
        }
        if (caller.isEmpty()) {
            return Verdict.refuse(401, missing, "UNAUTHENTICATED");
        }
        Caller c = caller.get();
        if (in.changesState() && in.authorization() == null && !origins.provesOwnPage(in)) { // by cookie
            return Verdict.refuse(403, "a state change with the session cookie needs a same-origin Origin header or"
                    + " the " + Inbound.CSRF_HEADER + " header (C51)", "CSRF");
        }
        if (in.changesState() && !in.path().equals(LOGOUT) && !c.may(Role.OPERATOR)) {
            return Verdict.refuse(403, c.name() + " is a " + c.role().name().toLowerCase(java.util.Locale.ROOT)
                    + "; this call needs an operator (C49)", "ROLE");
        }
        return Verdict.allow(c);
    }

    /**
     * Whether the request reads the web console's page or one of its static files: GET or HEAD of the
     * context's root ({@code /synccenter/}, and {@code /synccenter}, which the console redirects there)
     * or of a path under {@value #CONSOLE_FILES}. Jetty has
     * normalised the path ({@code ..} and encoded slashes never get here), and the servlet that serves
     * it is chosen by the same path, so no API call can pass as a file.
     */
    static boolean isConsoleFile(Inbound in) {
        boolean read = in.method().equals("GET") || in.method().equals("HEAD");
        return read && (in.path().equals("/") || in.path().isEmpty() || in.path().startsWith(CONSOLE_FILES));
    }

    /** The authenticator promises not to throw; if it does, the caller is simply not recognised. */
    private static Optional<Caller> safely(Supplier<Optional<Caller>> lookup) {
        try {
            Optional<Caller> c = lookup.get();
            return c == null ? Optional.empty() : c;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Guard.class).error("The authenticator failed; caller refused", e);
            return Optional.empty();
        }
    }
}
