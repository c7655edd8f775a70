package dev.synccenter.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;

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

import dev.synccenter.control.SyncControl;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.security.Caller;
import dev.synccenter.http.Route.Reply;

/**
 * {@code /synccenter/api/*}: the JSON API ({@link Routes}, run by the {@link Dispatcher}) and its
 * description, {@code openapi.json}. The control service and the audit trail are optional and
 * dynamic, so that the API answers 503 while either is missing instead of vanishing (404).
 */
@Component(service = Servlet.class, configurationPid = Settings.PID, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/api/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=synccenter-api",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=" + SecurityContext.SELECT })
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String OPENAPI = "/openapi.json";
    static final String OPENAPI_RESOURCE = "openapi.json";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SyncControl control;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditTrail audit;

    private final transient Dispatcher dispatcher;

    @Activate
    public ApiServlet(Map<String, Object> properties) {
        int maxBody = Settings.of(properties).number("max.body.bytes", 1_024, 1_048_576, 65_536);
        this.dispatcher = new Dispatcher(Routes.ALL, () -> control, () -> audit, maxBody, Clock.systemUTC());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            if (path.equals(OPENAPI)) {
                openApi(request, response);
                return;
            }
            Caller caller = (Caller) request.getAttribute(SecurityContext.CALLER);
            if (caller == null) { // only a servlet outside our context would get here
                throw new ApiException(401, "authentication required", null, "UNAUTHENTICATED");
            }
            Reply reply = dispatcher.dispatch(new Dispatcher.Incoming(request.getMethod(), path,
                    request.getQueryString(), request.getContentType(), request.getInputStream(), caller,
                    Inbound.peer(request)));
            if (reply.location() != null) {
                response.setHeader("Location", reply.location());
            }
            Responses.json(response, reply.status(), reply.body());
        } catch (ApiException e) {
            Responses.error(response, e);
        }
    }

    private void openApi(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET")) {
            throw new Dispatcher.MethodNotAllowed(request.getMethod(), java.util.Set.of("GET"));
        }
        try (InputStream in = ApiServlet.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            byte[] bytes = in.readAllBytes();
            response.setStatus(200);
            response.setContentType(Responses.JSON);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
