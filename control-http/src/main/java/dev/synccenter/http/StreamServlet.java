package dev.synccenter.http;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synccenter.config.RawConfig;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;

/**
 * {@code GET /synccenter/api/stream}: Server-Sent Events of what the control service's whiteboard
 * listeners are told (C34): requests accepted and started, item and handler progress, results,
 * events and handler changes. Servlet async with non-blocking writes ({@link SseClient}); each event
 * has an {@code id:} and a client resumes with {@code Last-Event-ID} (or {@code ?lastEventId=}) from
 * the last {@code stream.history} events ({@link EventRing}), else it gets a {@code reset} event.
 * Query: {@code handler} (one handler's events) and {@code types} (comma-separated).
 */
@Component(service = { Servlet.class, SyncListener.class }, configurationPid = Settings.PID, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + StreamServlet.PATTERN,
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=synccenter-stream",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED + "=true",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=" + SecurityContext.SELECT })
public final class StreamServlet extends HttpServlet implements SyncListener {

    private static final long serialVersionUID = 1L;
    static final String PATTERN = "/api/stream";
    /** How long EventSource waits before reconnecting, in milliseconds. */
    static final int RETRY_MILLIS = 3_000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Authenticator authenticator;

    private final transient EventFeed feed;
    private final int clientQueue;

    @Activate
    public StreamServlet(Map<String, Object> properties) {
        RawConfig settings = Settings.of(properties);
        int history = settings.number("stream.history", 16, 100_000, 2_048);
        this.clientQueue = settings.number("stream.client.queue", 8, 100_000, 512);
        int keepAlive = settings.number("stream.keepalive.seconds", 1, 3_600, 15);
        int maxClients = settings.number("stream.max.clients", 1, 10_000, 64);
        int maxPerCaller = settings.number("stream.max.clients.per.caller", 1, 10_000, 8);
        this.feed = new EventFeed(Long.toString(System.currentTimeMillis(), 36), history, maxClients, maxPerCaller,
                keepAlive);
    }

    @Deactivate
    void deactivate() {
        feed.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EventFilterSpec filter;
        String lastEventId;
        try {
            Query query = new Query(Dispatcher.parseQuery(request.getQueryString()),
                    Set.of("handler", "types", "lastEventId"));
            filter = new EventFilterSpec(query.id("handler"), types(query.raw("types")));
            lastEventId = request.getHeader("Last-Event-ID") != null ? request.getHeader("Last-Event-ID")
                    : query.raw("lastEventId");
        } catch (ApiException e) {
            Responses.error(response, e);
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("X-Accel-Buffering", "no"); // tell proxies not to buffer the stream
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // a stream lasts; the keep-alive finds clients that went away
        SseClient client = new SseClient(async, response.getOutputStream(), Inbound.peer(request), clientQueue,
                feed.pump(), filter, feed::unsubscribe);
        async.addListener(client);
        client.offer("retry: " + RETRY_MILLIS + "\n: stream of " + request.getContextPath() + PATTERN
                + ", resumable over the last " + feed.history() + " events\n\n");
        Caller caller = (Caller) request.getAttribute(SecurityContext.CALLER);
        EventFeed.Owner owner = new EventFeed.Owner(caller == null ? "" : caller.name(), stillValid(Inbound.of(request)));
        String refused = feed.subscribe(client, owner, lastEventId, StreamServlet::reset);
        if (refused != null) {
            response.reset();
            Responses.secureHeaders(response);
            Responses.error(response, ApiException.unavailable("too many event stream clients (" + refused + ")",
                    "TOO_MANY_STREAMS"));
            async.complete();
            return;
        }
        response.getOutputStream().setWriteListener(client);
    }

    /**
     * Whether the credential a stream was opened with is still good, asked at every keep-alive: a
     * token (Bearer) or a session cookie, both cheap to check. Basic is not asked again (each check
     * would cost a password hash and count in the login throttle); the password's owner is the
     * operator, whose password-reset does not end such a stream (docs/SECURITY.md).
     */
    private java.util.function.BooleanSupplier stillValid(Inbound in) {
        String authorization = in.authorization();
        String session = in.sessionCookie();
        return () -> {
            Authenticator auth = authenticator;
            if (auth == null) {
                return false; // none to ask: the stream ends, and its client is refused until one is back
            }
            if (authorization != null) {
                return !authorization.strip().regionMatches(true, 0, "Bearer ", 0, 7)
                        || auth.authorization(authorization).isPresent();
            }
            return session != null && auth.session(session).isPresent();
        };
    }

    private static Set<String> types(String raw) {
        if (raw == null) {
            return Set.of();
        }
        Set<String> types = new java.util.HashSet<>();
        for (String t : raw.split(",", -1)) {
            String type = t.strip();
            if (!EventFilterSpec.TYPES.contains(type)) {
                throw ApiException.badArgument("types", "must be some of " + new java.util.TreeSet<>(
                        EventFilterSpec.TYPES) + ", comma-separated, was '" + Text.clean(raw) + "'");
            }
            types.add(type);
        }
        return types;
    }

    private static ObjectNode reset(String reason) {
        ObjectNode o = Json.object();
        o.put("reason", reason);
        return o;
    }

    // ---- the whiteboard listener (C34): each notification becomes one stream event

    @Override
    public void requestAccepted(RequestSnapshot request) {
        feed.publish("accepted", request.handlerId(), Json.request(request));
    }

    @Override
    public void requestStarted(RequestSnapshot request) {
        feed.publish("started", request.handlerId(), Json.request(request));
    }

    @Override
    public void itemProgress(String handlerId, long sessionId, ItemProgress progress) {
        ObjectNode o = Json.progress(progress, null);
        o.put("handlerId", handlerId);
        o.put("sessionId", sessionId);
        feed.publish("progress", handlerId, o);
    }

    @Override
    public void handlerProgress(String handlerId, long sessionId, String text) {
        ObjectNode o = Json.object();
        o.put("handlerId", handlerId);
        o.put("sessionId", sessionId);
        o.put("text", text);
        feed.publish("handler-progress", handlerId, o);
    }

    @Override
    public void requestFinished(SyncResult result) {
        feed.publish("result", result.handlerId(), Json.result(result));
    }

    @Override
    public void eventReported(SyncEvent event) {
        feed.publish("event", event.handlerId(), Json.event(event));
    }

    @Override
    public void handlerChanged(String handlerId, HandlerChange change) {
        ObjectNode o = Json.object();
        o.put("handlerId", handlerId);
        o.put("change", change.name());
        feed.publish("handler", handlerId, o);
    }
}
