package dev.synccenter.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream client: a bounded queue of frames written with servlet non-blocking output, so that no
 * thread ever waits for a slow client. A client whose queue is full (it does not read, or reads
 * slower than events come) is dropped: its response is completed and it may reconnect with
 * {@code Last-Event-ID}. Never more than {@code capacity} frames are held for it.
 *
 * <p>Writes happen under this client's monitor only, from the container's {@link #onWritePossible}
 * or from the feed's executor when a frame arrives for a client that was waiting for one; never from
 * the thread that offers a frame, which may be the control service's listener thread.
 */
final class SseClient implements WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(SseClient.class);

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final String peer;
    private final int capacity;
    private final Executor pump;
    private final Consumer<SseClient> onClose;
    private final EventFilterSpec filter;

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** True while the output is ready and nothing is queued: the next offer must start a write. */
    private boolean idle;
    private boolean unflushed;
    /** True while a write waits for the client to read: completing then would cancel it, noisily. */
    private boolean writePending;
    private boolean closed;

    SseClient(AsyncContext async, ServletOutputStream out, String peer, int capacity, Executor pump,
            EventFilterSpec filter, Consumer<SseClient> onClose) {
        this.async = async;
        this.out = out;
        this.peer = peer;
        this.capacity = capacity;
        this.pump = pump;
        this.filter = filter;
        this.onClose = onClose;
    }

    EventFilterSpec filter() {
        return filter;
    }

    String peer() {
        return peer;
    }

    /** Queues a frame; false when the client is closed or was just dropped for falling behind. */
    boolean offer(String frame) {
        boolean start = false;
        boolean dropped = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() >= capacity) {
                LOG.warn("Event stream client {} dropped: {} events wait to be written and it reads none", peer,
                        queue.size());
                closeLocked();
                dropped = true;
            } else {
                queue.add(frame);
                start = idle;
                idle = false;
            }
        }
        if (dropped) {
            onClose.accept(this);
            completeLater();
            return false;
        }
        if (start) {
            try {
                pump.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                close(); // the feed is closing
            }
        }
        return true;
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    private void drain() {
        boolean failed = false;
        boolean closedMeanwhile = false;
        synchronized (this) {
            try {
                while (true) {
                    if (closed) { // dropped while a write waited, and the client read at last
                        writePending = false;
                        closedMeanwhile = true;
                        break;
                    }
                    if (!out.isReady()) {
                        writePending = true; // the container calls onWritePossible once the client reads
                        return;
                    }
                    writePending = false;
                    String next = queue.poll();
                    if (next == null) {
                        if (unflushed) {
                            unflushed = false;
                            out.flush();
                            continue;
                        }
                        idle = true;
                        return;
                    }
                    out.write(next.getBytes(StandardCharsets.UTF_8));
                    unflushed = true;
                }
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Event stream client {} gone: {}", peer, e.toString());
                writePending = false;
                failed = true;
            }
        }
        if (failed) {
            close();
        } else if (closedMeanwhile) {
            completeLater();
        }
    }

    /** Ends the stream: the feed forgets it and the response completes. */
    void close() {
        boolean first;
        synchronized (this) {
            first = !closed;
            closeLocked();
        }
        if (first) {
            onClose.accept(this);
        }
        completeLater();
    }

    private void closeLocked() {
        closed = true;
        queue.clear();
    }

    /**
     * Completes the response on the feed's thread, never on the thread that offered (the control
     * service's listener), since Jetty finishes the exchange on the calling thread. A response whose
     * write waits for a client that does not read is left to the server's idle timeout
     * ({@code org.apache.felix.http.timeout}), which fails the write and so ends it ({@link #onError}).
     */
    private void completeLater() {
        synchronized (this) {
            if (writePending) {
                return;
            }
        }
        try {
            pump.execute(this::complete);
        } catch (RejectedExecutionException stopped) {
            complete();
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // completed by the container (the client went away)
        }
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            writePending = false;
        }
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            closeLocked();
        }
        onClose.accept(this);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing to do
    }
}
