package dev.synccenter.webconsole;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.function.Supplier;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.audit.AuditUnavailableException;
import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.Role;

/**
 * Who may use the web console, from where. The console can install bundles and change any
 * configuration, so it is an operator's tool only (C49); its built-in login is off (C48). In
 * order: TLS when it is reached on an address other than loopback (C48), a loopback name in the
 * Host when it is reached on loopback (C48: DNS rebinding), credentials (a token or
 * the operator's password, as HTTP Basic), the operator role, then for a call that changes
 * something: the same origin (C51: Basic credentials are sent by browsers cross-site, and the
 * console has no CSRF protection of its own) and an audit entry stored before it proceeds.
 */
final class ConsoleGate {

    /** The outcome: a caller to let in, or a status and a reason to refuse with. */
    record Verdict(Caller caller, int status, String reason) {

        static Verdict allow(Caller caller) {
            return new Verdict(caller, 200, null);
        }

        static Verdict refuse(int status, String reason) {
            return new Verdict(null, status, reason);
        }

        boolean allowed() {
            return caller != null;
        }
    }

    private final Supplier<Authenticator> authenticator;
    private final Supplier<AuditTrail> audit;
    private final boolean plainOnNonLoopback;
    private final Clock clock;

    ConsoleGate(Supplier<Authenticator> authenticator, Supplier<AuditTrail> audit, boolean plainOnNonLoopback,
            Clock clock) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.plainOnNonLoopback = plainOnNonLoopback;
        this.clock = clock;
    }

    Verdict check(Inbound in) {
        if (!in.secure() && !in.localLoopback() && !plainOnNonLoopback) {
            return Verdict.refuse(403, "the web console is reached over plain HTTP on an address other than "
                    + "loopback; it needs HTTPS there (C48)");
        }
        if (in.localLoopback() && !loopbackName(in.ownOrigin())) {
            return Verdict.refuse(403, "the console was addressed as " + in.ownOrigin() + " on a loopback connection;"
                    + " use 127.0.0.1 or localhost (C48: another name is a page's own, rebound to this machine)");
        }
        Authenticator auth = authenticator.get();
        if (auth == null) {
            return Verdict.refuse(503, "no authenticator service: nobody can be let in");
        }
        Caller caller = in.authorization() == null ? null : auth.authorization(in.authorization()).orElse(null);
        if (caller == null) {
            return Verdict.refuse(401, in.authorization() == null ? "no credentials" : "credentials not valid");
        }
        if (!caller.may(Role.OPERATOR)) {
            return Verdict.refuse(403, "'" + caller.name() + "' is a " + caller.role()
                    + "; the web console needs the operator role (C49)");
        }
        if (!in.changesState()) {
            return Verdict.allow(caller);
        }
        String crossSite = crossSite(in);
        if (crossSite != null) {
            return Verdict.refuse(403, crossSite + " (C51)");
        }
        AuditTrail trail = audit.get();
        if (trail == null) {
            return Verdict.refuse(503, "no audit trail: a call that changes something runs only once it is recorded"
                    + " (C51)");
        }
        try {
            trail.record(new AuditEntry(clock.instant(), caller.name(), caller.role().name(), "webconsole", in.peer(),
                    in.method() + " " + in.path(), ""));
        } catch (AuditUnavailableException e) {
            return Verdict.refuse(503, e.getMessage());
        }
        return Verdict.allow(caller);
    }

    /**
     * Whether an origin names this machine's loopback: {@code localhost} or a loopback address
     * literal. No name is looked up (a lookup could block, or answer what the attacker's DNS says).
     */
    static boolean loopbackName(String origin) {
        String host;
        try {
            host = URI.create(origin).getHost();
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.matches("[0-9a-fA-F:.]+")) {
            return false; // a name, not an address
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Why a state-changing call is cross-site, or null when it is not (or no browser made it). */
    private static String crossSite(Inbound in) {
        String site = in.fetchSite();
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "a " + site + " request may not change anything";
        }
        if (in.origin() != null && !in.origin().equalsIgnoreCase(in.ownOrigin())) {
            return "a request from " + in.origin() + " may not change anything here";
        }
        return null;
    }
}
