package dev.synccenter.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import dev.synccenter.console.StaticFiles.Asset;

/**
 * Serves the web console's static files from this bundle: the page at the root of control-http's
 * context {@value #CONTEXT_NAME} ({@code /synccenter/}) and the scripts and styles under
 * {@code /synccenter/console/}. The context's security check lets GET and HEAD of exactly these
 * paths through without credentials (the login page must load); the files hold no data, which the
 * page reads from the authenticated API. Files are revalidated by ETag, which changes whenever the
 * bundle is updated. Registered as the context's default servlet ({@code /}), so that it also
 * answers 404 for any other path of the context that no servlet serves.
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/console/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=synccenter-console",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME
                + "=" + ConsoleServlet.CONTEXT_NAME + ")" })
public final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** control-http's whiteboard context, at /synccenter. */
    static final String CONTEXT_NAME = "synccenter";

    private final transient Bundle bundle;

    @Activate
    public ConsoleServlet(BundleContext context) {
        this.bundle = context.getBundle();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        response.setHeader("Content-Security-Policy", StaticFiles.POLICY);
        response.setHeader("Cache-Control", "no-cache");
        Optional<Asset> asset = StaticFiles.resolve(request.getServletPath(), request.getPathInfo());
        URL url = asset.map(a -> bundle.getEntry(a.entry())).orElse(null);
        if (url == null) {
            response.setHeader("Cache-Control", "no-store");
            response.sendError(404);
            return;
        }
        if (asset.get().entry().equals(StaticFiles.PAGE) && !request.getRequestURI().endsWith("/")) {
            response.sendRedirect(request.getRequestURI() + "/"); // relative links resolve from /synccenter/
            return;
        }
        String etag = "\"" + Long.toString(bundle.getLastModified(), 36) + "-" + bundle.getBundleId() + "\"";
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        response.setStatus(200);
        response.setContentType(asset.get().contentType());
        response.setContentLength(bytes.length);
        if (body) {
            response.getOutputStream().write(bytes);
        }
    }
}
