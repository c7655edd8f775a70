package dev.synccenter.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synccenter.control.SyncControl;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.audit.AuditUnavailableException;
import dev.synccenter.control.security.Caller;
import dev.synccenter.http.Route.Prepared;
import dev.synccenter.http.Route.Reply;

/**
 * Runs one API call, free of the servlet API so that it is testable with plain values: finds the
 * route (404, or 405 with the methods the path allows), checks every argument (400), and for a state
 * change records it in the audit trail <em>before</em> it acts (C51; no trail, or one that cannot
 * store, is a 503 and nothing happens). Errors of the control service become the API's error
 * vocabulary ({@link ApiException#of}); anything else is a 500 logged here, never a stack trace to
 * the caller.
 */
final class Dispatcher {

    /** One call as it arrived. {@code action} is what the audit trail records, e.g. {@code POST /api/stop}. */
    record Incoming(String method, String path, String queryString, String contentType, InputStream body,
            Caller caller, String from) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final List<Route> routes;
    private final Supplier<SyncControl> control;
    private final Supplier<AuditTrail> audit;
    private final int maxBodyBytes;
    private final Clock clock;

    Dispatcher(List<Route> routes, Supplier<SyncControl> control, Supplier<AuditTrail> audit, int maxBodyBytes,
            Clock clock) {
        this.routes = routes;
        this.control = control;
        this.audit = audit;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    Reply dispatch(Incoming in) throws IOException {
        Route route = null;
        Map<String, String> params = null;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> p = r.match(in.path());
            if (p != null) {
                allowed.add(r.method());
                if (r.method().equals(in.method()) && route == null) {
                    route = r;
                    params = p;
                }
            }
        }
        if (route == null) {
            if (allowed.isEmpty()) {
                throw ApiException.notFound(null, "no such resource: " + Text.clean(in.path()));
            }
            throw new MethodNotAllowed(in.method(), allowed);
        }
        SyncControl sc = control.get();
        if (sc == null) {
            throw ApiException.unavailable("the control service is not running (yet); see the platform's log",
                    ApiException.NO_CONTROL);
        }
        Query query = new Query(parseQuery(in.queryString()), route.query());
        ObjectNode body = route.changesState() ? Body.read(in.body(), in.contentType(), maxBodyBytes) : Json.object();
        try {
            Prepared prepared = route.action().prepare(new Call(sc, params, query, new Body(body, route.body())));
            if (route.changesState()) {
                record(in, prepared.target());
            }
            return prepared.run();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            ApiException api = ApiException.of(e);
            if (api != null) {
                throw api;
            }
            LOG.error("{} {} failed", in.method(), Text.clean(in.path()), e);
            throw new ApiException(500, "internal error; the platform's log has the details", null, null);
        }
    }

    /** C51: recorded before it takes effect; without a record, it does not take effect. */
    private void record(Incoming in, String target) {
        AuditTrail trail = audit.get();
        if (trail == null) {
            throw ApiException.unavailable("the audit trail is not available, so no state change is accepted (C51)",
                    ApiException.NO_AUDIT);
        }
        Caller caller = in.caller();
        try {
            trail.record(new AuditEntry(clock.instant(), caller.name(), caller.role().name(), "http", in.from(),
                    in.method() + " /api" + in.path(), target));
        } catch (AuditUnavailableException e) {
            LOG.warn("{} {} by {} from {} refused: the audit trail cannot record it: {}", in.method(),
                    Text.clean(in.path()), caller.name(), in.from(), e.getMessage());
            throw ApiException.unavailable("the audit trail cannot record the call, so it was not made (C51): "
                    + e.getMessage(), ApiException.NO_AUDIT);
        }
    }

    /** The raw query string, decoded as UTF-8; our own parse, so that a form body is never read as parameters. */
    static Map<String, String[]> parseQuery(String queryString) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (queryString != null && !queryString.isEmpty()) {
            for (String pair : queryString.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
        return result;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badArgument("query", "is not well encoded: '" + Text.clean(s) + "'");
        }
    }

    /** 405, with the methods the path does allow. */
    static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;
        final Set<String> allowed;

        MethodNotAllowed(String method, Set<String> allowed) {
            super(405, "method " + Text.clean(method) + " is not allowed here; allowed: " + String.join(", ", allowed),
                    null, null);
            this.allowed = Set.copyOf(allowed);
        }
    }
}
