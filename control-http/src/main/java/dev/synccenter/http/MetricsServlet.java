package dev.synccenter.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import dev.synccenter.control.metrics.SyncMetrics;

/**
 * {@code GET /synccenter/api/metrics}: the platform's metrics in Prometheus' text format
 * ({@link PrometheusText}), for a scraper with a viewer's token (the context authenticates it, as
 * every call). 503 while the control service, which counts them, is not there.
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + MetricsServlet.PATTERN,
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=synccenter-metrics",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=" + SecurityContext.SELECT })
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATTERN = "/api/metrics";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile SyncMetrics metrics;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!request.getMethod().equals("GET")) {
                throw new Dispatcher.MethodNotAllowed(request.getMethod(), java.util.Set.of("GET"));
            }
            SyncMetrics current = metrics;
            if (current == null) {
                throw ApiException.unavailable("the control service is not running (yet)", "NOT_READY");
            }
            byte[] body = PrometheusText.write(current.snapshot()).getBytes(StandardCharsets.UTF_8);
            Responses.secureHeaders(response);
            response.setStatus(200);
            response.setContentType(PrometheusText.CONTENT_TYPE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (ApiException e) {
            Responses.error(response, e);
        }
    }
}
