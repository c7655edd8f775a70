package dev.synccenter.console;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which file of the bundle answers a request path, and as what type. Plain Java, so that the
 * mapping is tested without a server. The page is {@value #PAGE}; everything else lives under the
 * bundle folder {@value #FOLDER} and is named by a path of plain segments (letters, digits,
 * {@code -}, {@code _}, one dot before a known extension): no {@code ..}, no hidden files, no
 * directory listings, nothing outside the folder.
 */
final class StaticFiles {

    /** The folder of the bundle that holds the console's files. */
    static final String FOLDER = "console/";
    /** The page, answered for the context's root. */
    static final String PAGE = FOLDER + "index.html";

    /** A file to serve: its entry in the bundle and its Content-Type. */
    record Asset(String entry, String contentType) {
    }

    private static final Pattern SAFE = Pattern.compile("(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json;charset=utf-8");

    private StaticFiles() {
    }

    /**
     * The asset for a request, or empty (404).
     *
     * @param servletPath the servlet path: {@code /} (as the default servlet) or {@code ""} for the
     *                    context's root, {@code /console} for the files
     * @param pathInfo    the rest: {@code null} or {@code /} for the root, e.g. {@code /views/handlers.js}
     */
    static Optional<Asset> resolve(String servletPath, String pathInfo) {
        String sp = servletPath == null ? "" : servletPath;
        String info = pathInfo == null ? "" : pathInfo;
        if ((sp.isEmpty() || sp.equals("/")) && (info.isEmpty() || info.equals("/"))) {
            return Optional.of(new Asset(PAGE, TYPES.get("html")));
        }
        if (!sp.equals("/console") || !info.startsWith("/")) {
            return Optional.empty();
        }
        String name = info.substring(1);
        if (!SAFE.matcher(name).matches()) {
            return Optional.empty();
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        return type == null ? Optional.empty() : Optional.of(new Asset(FOLDER + name, type));
    }

    /**
     * The Content-Security-Policy of every file: scripts, styles, images and connections from this
     * origin only (the API and the event stream), no inline script or style, no plugins, no framing.
     */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
