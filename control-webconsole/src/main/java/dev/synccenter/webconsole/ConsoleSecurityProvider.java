package dev.synccenter.webconsole;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.config.RawConfig;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.Role;

/**
 * The web console's security provider. The distribution names it in the framework property
 * {@code felix.webconsole.security.providers=synccenter}, so the console waits for it and its own
 * admin/admin login is switched off. Refusals are answered here (401 with a Basic challenge, 403,
 * 503) and logged with the peer and the reason, never the credentials.
 */
@Component(service = SecurityProvider.class, configurationPid = ConsoleSecurityProvider.PID,
        property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
public final class ConsoleSecurityProvider implements SecurityProvider {

    static final String PID = "dev.synccenter.webconsole";
    static final String ID = "synccenter";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Authenticator authenticator;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditTrail audit;

    private final ConsoleGate gate;

    /** Raw properties: a bad value costs only that value (logged with its key and file, defaulted to false). */
    @Activate
    public ConsoleSecurityProvider(Map<String, Object> properties) {
        boolean allowPlain = new RawConfig(properties, PID, LOG::warn).flag("allow.plain.http.on.non.loopback", false);
        this.gate = new ConsoleGate(() -> authenticator, () -> audit, allowPlain, Clock.systemUTC());
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Inbound in = new Inbound(request.getMethod(), request.getRequestURI(), request.getHeader("Authorization"),
                request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), ownOrigin(request),
                request.isSecure(), loopback(request.getLocalAddr()),
                request.getRemoteAddr() + ":" + request.getRemotePort());
        // C51: no other site may frame the console and have the operator click in it (clickjacking); the
        // console sets no such header itself. Set before it writes, on every answer, refusals included.
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
        ConsoleGate.Verdict verdict = gate.check(in);
        if (verdict.allowed()) {
            return verdict.caller();
        }
        if (verdict.status() != 401 || in.authorization() != null) {
            LOG.warn("Web console: refused {} {} from {}: {}", in.method(), in.path(), in.peer(), verdict.reason());
        }
        try {
            response.setHeader("Cache-Control", "no-store");
            if (verdict.status() == 401) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Sync Center\", charset=\"UTF-8\"");
            }
            response.sendError(verdict.status(), verdict.reason());
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Web console: the refusal could not be sent to {}: {}", in.peer(), e.toString());
        }
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof Caller caller && caller.may(Role.OPERATOR);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // HTTP Basic has no server-side session to end; the browser forgets the credentials.
    }

    private static String ownOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return request.getScheme() + "://" + (host == null ? request.getServerName() + ":" + request.getServerPort()
                : host);
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
