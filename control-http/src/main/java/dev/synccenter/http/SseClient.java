package dev.synccenter.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
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
            finish();
            return false;
        }
        if (start) {
            pump.execute(this::drain);
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
        synchronized (this) {
            try {
                while (!closed && out.isReady()) {
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
                closeLocked();
                failed = true;
            }
        }
        if (failed) {
            finish();
        }
    }

    /** Ends the stream: the feed forgets it and the response completes. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeLocked();
        }
        finish();
    }

    private void closeLocked() {
        closed = true;
        queue.clear();
    }

    private void finish() {
        onClose.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // completed by the container (the client went away)
        }
    }

    @Override
    public void onError(Throwable t) {
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
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing to do
    }
}
