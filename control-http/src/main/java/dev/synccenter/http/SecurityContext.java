package dev.synccenter.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.config.RawConfig;
import dev.synccenter.control.security.Authenticator;
import dev.synccenter.http.Guard.Verdict;

/**
 * The whiteboard context {@value #NAME} at {@value #PATH}: every servlet of the HTTP surface
 * registers in it, so that every request passes {@link #handleSecurity} first. It applies the
 * {@link Guard}'s verdict: a refusal is answered here with the JSON error body and logged with the
 * peer, the path and the reason (never a credential); an accepted request carries its caller as
 * the request attribute {@value #CALLER}. Configuration change restarts the component.
 */
@Component(service = ServletContextHelper.class, configurationPid = Settings.PID, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + SecurityContext.NAME,
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=" + SecurityContext.PATH })
@Designate(ocd = HttpConfig.class)
public final class SecurityContext extends ServletContextHelper {

    static final String NAME = "synccenter";
    static final String PATH = "/synccenter";
    /** The filter that puts a servlet or filter into this context. */
    static final String SELECT = "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + NAME + ")";
    static final String CALLER = "dev.synccenter.http.caller";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityContext.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Authenticator authenticator;

    /** Where each HTTP runtime listens, by its service.id. */
    private final Map<Long, List<String>> endpoints = new ConcurrentHashMap<>();
    private final Guard guard;
    private final TlsCheck tls;

    @Activate
    public SecurityContext(Map<String, Object> properties) {
        RawConfig settings = Settings.of(properties);
        this.tls = new TlsCheck(settings.flag("allow.plain.http.on.non.loopback", false));
        if (tls.allowPlain()) {
            LOG.warn("allow.plain.http.on.non.loopback=true in {}: plain HTTP is served on any address, so"
                    + " passwords and tokens may cross the network unencrypted (C48)", settings.source());
        }
        this.guard = new Guard(() -> authenticator, this::endpoints, tls,
                new OriginCheck(settings.list("allowed.origins")));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        updatedRuntime(runtime, properties);
    }

    void updatedRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        List<String> list = endpoints(properties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
        List<String> old = endpoints.put((Long) properties.get(Constants.SERVICE_ID), list);
        if (!list.equals(old)) {
            List<String> exposed = TlsCheck.exposedPlain(list);
            if (!exposed.isEmpty() && !tls.allowPlain()) {
                LOG.error("HTTP listens without TLS on {}, which is not loopback: every plain request to {} is refused"
                        + " (C48). Turn on HTTPS (org.apache.felix.https.*), or bind to 127.0.0.1"
                        + " (org.apache.felix.http.host), or set allow.plain.http.on.non.loopback=true in"
                        + " etc/dev.synccenter.http.cfg", exposed, PATH);
            } else {
                LOG.info("Sync Center HTTP API at {} on {}", PATH + "/api", list);
            }
        }
    }

    void unbindRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        endpoints.remove((Long) properties.get(Constants.SERVICE_ID));
    }

    private Collection<String> endpoints() {
        return endpoints.values().stream().flatMap(List::stream).toList();
    }

    private static List<String> endpoints(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.secureHeaders(response);
        Inbound in = Inbound.of(request);
        Verdict verdict = guard.check(in);
        if (!verdict.allowed()) {
            LOG.warn("HTTP {} {} from {} refused with {} ({}): {}", in.method(), Text.clean(in.path()), in.from(),
                    verdict.status(), verdict.reason(), verdict.error());
            if (request.getContentLengthLong() != 0) {
                // The refused request's body is never read: the connection ends with this answer, and the
                // client is told so, rather than finding it closed under its next request.
                response.setHeader("Connection", "close");
            }
            Responses.error(request, response, new ApiException(verdict.status(), verdict.error(), null,
                    verdict.reason()));
            return false;
        }
        if (verdict.caller() != null) {
            request.setAttribute(CALLER, verdict.caller());
            request.setAttribute(REMOTE_USER, verdict.caller().name());
            request.setAttribute(AUTHENTICATION_TYPE, verdict.caller().means());
        }
        return true;
    }
}
