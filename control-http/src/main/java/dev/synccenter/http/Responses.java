package dev.synccenter.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;

/** How every answer of the context is written: JSON, never cached, never sniffed. */
final class Responses {

    static final String JSON = "application/json;charset=utf-8";
    static final String REALM = "Sync Center";

    private Responses() {
    }

    /** Headers for every response of the context, refusals included. */
    static void secureHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    static void json(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        if (body == null) {
            return;
        }
        response.setContentType(JSON);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, ApiException e) throws IOException {
        error(response, e, true);
    }

    /** As {@link #error(HttpServletResponse, ApiException)}, with the Basic challenge only where it helps. */
    static void error(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        error(response, e, basicChallenge(request.getHeader("X-Requested-With"), request.getHeader("Accept")));
    }

    /**
     * Whether a 401 offers Basic. Not to a page's script ({@code X-Requested-With: XMLHttpRequest},
     * as the web console sends) nor to an {@code EventSource} ({@code Accept: text/event-stream}):
     * a browser answers a Basic challenge to those with its own password dialog over the page's
     * login form. They get the Bearer challenge only; people, curl and scripts get both.
     */
    static boolean basicChallenge(String requestedWith, String accept) {
        return !"XMLHttpRequest".equalsIgnoreCase(requestedWith)
                && (accept == null || !accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream"));
    }

    /** An error answer; {@code basic} says whether a 401 offers the Basic challenge beside Bearer. */
    static void error(HttpServletResponse response, ApiException e, boolean basic) throws IOException {
        if (e.status == 401) {
            // Two challenges: scripts use a token, people and curl -u use Basic.
            response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            if (basic) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
        }
        if (e instanceof Dispatcher.MethodNotAllowed m) {
            response.setHeader("Allow", String.join(", ", m.allowed));
        }
        if (e.status == 503) {
            response.setHeader("Retry-After", "5");
        }
        json(response, e.status, Json.error(e));
    }
}
