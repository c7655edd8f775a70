package dev.synccenter.webconsole;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.SyncControl;

/**
 * The "Sync Center" page of the web console ({@code /system/console/synccenter}): the handlers
 * with their availability, state, queue and sessions, and where the platform's own API is. It only
 * reads; actions are the API's, the shell's and (later) the platform's console's.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + SyncCenterPlugin.LABEL,
        "felix.webconsole.title=Sync Center",
        "felix.webconsole.category=Sync Center" })
public final class SyncCenterPlugin extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String LABEL = "synccenter";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile SyncControl control;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println(render(control));
    }

    /** The page's content (the console adds its frame around it). */
    static String render(SyncControl control) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<div id=\"synccenter\">\n");
        if (control == null) {
            html.append("<p class=\"statline\">The control service is not running (yet); see the platform's log."
                    + "</p>\n");
        } else {
            List<HandlerSnapshot> handlers = control.handlers();
            html.append("<p class=\"statline\">").append(handlers.size()).append(" handler(s), ")
                    .append(control.requests().size()).append(" open request(s).</p>\n");
            html.append("<table class=\"tablesorter nicetable\"><thead><tr><th>ID</th><th>Name</th>"
                    + "<th>Availability</th><th>Active</th><th>Enabled</th><th>Queued</th><th>Running</th>"
                    + "<th>Bundle</th></tr></thead><tbody>\n");
            for (HandlerSnapshot h : handlers) {
                html.append("<tr><td>").append(escape(h.id())).append("</td><td>").append(escape(h.name()))
                        .append("</td><td>").append(h.availability()).append("</td><td>")
                        .append(h.active() ? "yes" : "no").append("</td><td>").append(h.enabled() ? "yes" : "no")
                        .append("</td><td>").append(h.queued()).append("</td><td>").append(h.running())
                        .append("</td><td>").append(escape(h.bundle())).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append("<p>The platform's own console, with live progress and actions: <a href=\"/synccenter/\">"
                + "/synccenter/</a>.</p>\n");
        html.append("<p>The platform's JSON API: <a href=\"/synccenter/api/handlers\">/synccenter/api/handlers</a>"
                + " (described by <a href=\"/synccenter/api/openapi.json\">openapi.json</a>); metrics for Prometheus:"
                + " <a href=\"/synccenter/api/metrics\">/synccenter/api/metrics</a>.</p>\n</div>");
        return html.toString();
    }

    /** Handler IDs, names and bundles are the handlers' text: escaped, never markup. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
