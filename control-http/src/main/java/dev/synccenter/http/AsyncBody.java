package dev.synccenter.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body with servlet non-blocking I/O, for a servlet that takes bodies from callers
 * it does not know yet (the login). A blocking read would hold one of Jetty's threads for as long as
 * the client trickles bytes, so that a few hundred slow clients would starve the whole server (C48);
 * here a waiting client costs a buffer. The body must be whole within {@code timeoutMillis} (else
 * 408) and at most {@code maxBytes} long (else 413); then {@code handler} runs on a container thread
 * and the exchange is completed. A client that goes away is logged at debug, without a stack trace.
 */
final class AsyncBody implements ReadListener, AsyncListener {

    /** What to do with the whole body; it answers through the response, or throws an {@link ApiException}. */
    interface Handler {
        void body(byte[] bytes) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AsyncBody.class);

    private final AsyncContext async;
    private final ServletInputStream in;
    private final HttpServletResponse response;
    private final String peer;
    private final int maxBytes;
    private final Handler handler;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[4_096];
    /** Set by whichever of body, error and timeout comes first: only that one answers. */
    private final AtomicBoolean answered = new AtomicBoolean();
    /** Whether a 401 may offer Basic: not to a page's script, whose browser would open a password dialog. */
    private final boolean basicChallenge;

    private AsyncBody(AsyncContext async, ServletInputStream in, HttpServletResponse response, String peer,
            int maxBytes, Handler handler, boolean basicChallenge) {
        this.basicChallenge = basicChallenge;
        this.async = async;
        this.in = in;
        this.response = response;
        this.peer = peer;
        this.maxBytes = maxBytes;
        this.handler = handler;
    }

    /** Starts reading; the servlet returns at once, and {@code handler} runs once the body is there. */
    static void read(HttpServletRequest request, HttpServletResponse response, int maxBytes, long timeoutMillis,
            Handler handler) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new ApiException(413, "body: larger than " + maxBytes + " bytes", "body", null);
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeoutMillis);
        AsyncBody reader = new AsyncBody(async, request.getInputStream(), response, Inbound.peer(request), maxBytes,
                handler, Responses.basicChallenge(request.getHeader("X-Requested-With"), request.getHeader("Accept")));
        async.addListener(reader);
        reader.in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (in.isReady() && !in.isFinished()) {
            int n = in.read(buffer);
            if (n < 0) {
                return; // onAllDataRead follows
            }
            if (bytes.size() + n > maxBytes) {
                answer(new ApiException(413, "body: larger than " + maxBytes + " bytes", "body", null));
                return;
            }
            bytes.write(buffer, 0, n);
        }
    }

    @Override
    public void onAllDataRead() throws IOException {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        try {
            handler.body(bytes.toByteArray());
        } catch (ApiException e) {
            Responses.error(response, e, basicChallenge);
        } finally {
            async.complete();
        }
    }

    @Override
    public void onError(Throwable t) {
        if (answered.compareAndSet(false, true)) {
            LOG.debug("HTTP {} went away before its body arrived: {}", peer, String.valueOf(t));
            async.complete();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        answer(new ApiException(408, "body: not received within " + async.getTimeout() + " ms", "body", "TIMEOUT"));
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // nothing to release
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private void answer(ApiException refusal) throws IOException {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        try {
            response.setHeader("Connection", "close"); // the rest of the body is not read
            Responses.error(response, refusal, basicChallenge);
        } finally {
            async.complete();
        }
    }
}
