package dev.synccenter.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;

/**
 * Browser sessions: {@code POST /api/login} (a form or JSON with {@code user} and {@code password},
 * or with an API {@code token} instead, since viewers have tokens only) sets the session cookie, {@code POST /api/logout} ends it, {@code GET /api/session} says who the
 * caller is. The cookie is HttpOnly, SameSite=Strict, Path=/synccenter, and Secure over HTTPS; its
 * value is the {@link Authenticator}'s session ID, so sessions live (and end) there.
 */
@Component(service = Servlet.class, configurationPid = Settings.PID, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + Guard.LOGIN,
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + Guard.LOGOUT,
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + SessionServlet.SESSION,
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=synccenter-session",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED + "=true",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=" + SecurityContext.SELECT })
public final class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String SESSION = "/api/session";
    /** How long a login's body may take to arrive, all of it: 408 after that (C48). */
    static final long LOGIN_BODY_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SessionServlet.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Authenticator authenticator;

    private final int maxBody;

    @Activate
    public SessionServlet(Map<String, Object> properties) {
        this.maxBody = Settings.of(properties).number("max.body.bytes", 1_024, 1_048_576, 65_536);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        String method = request.getMethod();
        try {
            if (path.equals(SESSION) && method.equals("GET")) {
                Responses.json(response, 200, caller((Caller) request.getAttribute(SecurityContext.CALLER)));
            } else if (path.equals(Guard.LOGIN) && method.equals("POST")) {
                login(request, response);
            } else if (path.equals(Guard.LOGOUT) && method.equals("POST")) {
                logout(request, response);
            } else {
                throw new Dispatcher.MethodNotAllowed(method, java.util.Set.of(path.equals(SESSION) ? "GET" : "POST"));
            }
        } catch (ApiException e) {
            Responses.error(request, response, e);
        }
    }

    /** The body arrives without holding a thread ({@link AsyncBody}): anyone may send one, as slowly as they like. */
    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AsyncBody.read(request, response, maxBody, LOGIN_BODY_MILLIS, bytes -> login(request, response, bytes));
    }

    private void login(HttpServletRequest request, HttpServletResponse response, byte[] bytes) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().split(";", 2)[0].strip();
        String user;
        String password;
        String token;
        if (type.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            Map<String, String[]> form = Dispatcher.parseQuery(new String(bytes, StandardCharsets.UTF_8));
            user = one(form, "user");
            password = one(form, "password");
            token = one(form, "token");
        } else {
            Body body = new Body(Body.read(new ByteArrayInputStream(bytes), request.getContentType(), maxBody),
                    java.util.Set.of("user", "password", "token"));
            user = body.string("user");
            password = body.string("password");
            token = body.string("token");
        }
        Authenticator auth = authenticator;
        Optional<Caller> caller;
        String who;
        if (token != null) {
            // An API token instead of a password: viewers have tokens only, and a browser needs the
            // cookie for the event stream. A token is no weaker here than as a Bearer header.
            if (user != null || password != null) {
                throw ApiException.badArgument(user != null ? "user" : "password", "not with token: log in with a"
                        + " user and password, or with an API token");
            }
            if (token.isEmpty()) {
                throw ApiException.badArgument("token", "must not be empty");
            }
            caller = auth == null ? Optional.empty() : auth.token(token);
            who = "an API token";
        } else {
            if (user == null || user.isEmpty()) {
                throw ApiException.badArgument("user", "is required");
            }
            if (password == null) {
                throw ApiException.badArgument("password", "is required");
            }
            caller = auth == null ? Optional.empty() : auth.password(user, password);
            who = Text.clean(user);
        }
        String from = Inbound.peer(request);
        if (caller.isEmpty()) {
            LOG.warn("HTTP login as {} from {} refused: {}", who, from, token != null ? "unknown token"
                    : "wrong user or password");
            throw new ApiException(401, token != null ? "unknown or revoked token" : "wrong user or password", null,
                    "UNAUTHENTICATED");
        }
        String session = auth.openSession(caller.get());
        response.addHeader("Set-Cookie", Inbound.SESSION_COOKIE + "=" + session + "; Path=" + SecurityContext.PATH
                + "; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : ""));
        LOG.info("HTTP login as {} ({}, {}) from {}", caller.get().name(), caller.get().role(), caller.get().means(),
                from);
        Responses.json(response, 200, caller(caller.get()));
    }

    private static String one(Map<String, String[]> form, String name) {
        String[] v = form.get(name);
        if (v != null && v.length > 1) {
            throw ApiException.badArgument(name, "given " + v.length + " times, at most once");
        }
        return v == null ? null : v[0];
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String session = Inbound.of(request).sessionCookie();
        Authenticator auth = authenticator;
        if (session != null && auth != null) {
            auth.closeSession(session);
        }
        response.addHeader("Set-Cookie", Inbound.SESSION_COOKIE + "=; Path=" + SecurityContext.PATH
                + "; Max-Age=0; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : ""));
        Responses.json(response, 204, null);
    }

    private static ObjectNode caller(Caller c) {
        ObjectNode o = Json.object();
        o.put("user", c.name());
        o.put("role", c.role().name());
        o.put("means", c.means());
        return o;
    }
}
