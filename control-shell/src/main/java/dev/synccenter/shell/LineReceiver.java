package dev.synccenter.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the command endpoint's connections and receives the lines each client sends first (its
 * token line and its command line), all on one thread, with non-blocking sockets, and hands a
 * connection on only once its lines are complete (C50).
 *
 * <p>Why one selector thread rather than a thread per connection: a client that sends its lines
 * one byte every few seconds (a slow-loris) would hold a thread, and a few of them every thread.
 * Here a waiting client costs a buffer, not a thread; each has one total deadline for all its
 * lines ({@code read.timeout.ms}, however the bytes trickle in), and at most {@code max.pending}
 * may be waiting: a new connection beyond that closes the one that has waited longest, which is
 * the slowest, since a well-behaved client sends its lines at once. So slow clients never keep a
 * legitimate one from being accepted and served.
 */
final class LineReceiver implements Runnable {

    /** What happens to a connection whose lines arrived: called on the receiver's thread, must not block. */
    @FunctionalInterface
    interface Handoff {
        void received(SocketChannel channel, String peer, List<String> lines);
    }

    static final int LINES = 2;
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LineReceiver.class);

    /** A connection still sending its lines; only the receiver's thread touches it. */
    private static final class Pending {
        final SocketChannel channel;
        final String peer;
        final long deadline;
        final List<String> lines = new ArrayList<>(LINES);
        final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        SelectionKey key;

        Pending(SocketChannel channel, String peer, long deadline) {
            this.channel = channel;
            this.peer = peer;
            this.deadline = deadline;
        }
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final long deadlineNanos;
    private final int maxPending;
    private final Handoff handoff;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    /** Oldest first; so the first one is also the first to reach its deadline. */
    private final LinkedHashMap<SocketChannel, Pending> pending = new LinkedHashMap<>();
    /** The keys a select found ready, handled after it returned. */
    private final List<SelectionKey> ready = new ArrayList<>();
    private volatile boolean closed;

    LineReceiver(InetSocketAddress address, Duration deadline, int maxPending, Handoff handoff) throws IOException {
        this.deadlineNanos = deadline.toNanos();
        this.maxPending = maxPending;
        this.handoff = handoff;
        ServerSocketChannel s = ServerSocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(address, 64);
            s.configureBlocking(false);
            this.selector = Selector.open();
            s.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.server = s;
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Stops accepting; the receiver's thread closes every waiting connection and the socket. */
    void close() {
        closed = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        List<Pending> complete = new ArrayList<>();
        try {
            while (!closed) {
                selector.select(this::ready, waitMillis());
                while (!complete.isEmpty() || !ready.isEmpty()) {
                    // Handled outside the selector's callback: keys can be cancelled and channels
                    // switched to blocking only once a select has dropped the cancelled keys.
                    for (SelectionKey key : List.copyOf(ready)) {
                        handle(key, complete);
                    }
                    ready.clear();
                    if (complete.isEmpty()) {
                        break;
                    }
                    selector.selectNow(this::ready);
                    for (Pending p : List.copyOf(complete)) {
                        handOff(p);
                    }
                    complete.clear();
                }
                expire();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.error("Command endpoint: the receiver failed and stops: {}", e.toString());
            }
        } finally {
            pending.values().forEach(p -> closeQuietly(p.channel));
            pending.clear();
            closeQuietly(server);
            closeQuietly(selector);
        }
    }

    private void ready(SelectionKey key) {
        ready.add(key);
    }

    private void handle(SelectionKey key, List<Pending> complete) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
        } else if (key.isReadable()) {
            read((Pending) key.attachment(), complete);
        }
    }

    private long waitMillis() {
        if (pending.isEmpty()) {
            return 0; // until something happens
        }
        long left = pending.values().iterator().next().deadline - System.nanoTime();
        return Math.max(1, left / 1_000_000 + 1);
    }

    private void accept() {
        SocketChannel channel;
        try {
            channel = server.accept();
            if (channel == null) {
                return;
            }
            channel.configureBlocking(false);
        } catch (IOException e) {
            // Most likely out of file descriptors: free one, the slowest client's, or this would
            // spin, since the listening socket stays ready.
            LOG.warn("Command endpoint: accept failed: {}", e.toString());
            if (!pending.isEmpty()) {
                refuse(pending.values().iterator().next(), "the endpoint could not accept more connections");
            }
            return;
        }
        if (pending.size() >= maxPending) {
            Pending oldest = pending.values().iterator().next();
            refuse(oldest, "the endpoint had " + maxPending + " connections still sending their lines, and this one"
                    + " had waited longest (max.pending)");
        }
        Pending p = new Pending(channel, peer(channel), System.nanoTime() + deadlineNanos);
        try {
            p.key = channel.register(selector, SelectionKey.OP_READ, p);
        } catch (IOException e) {
            closeQuietly(channel);
            return;
        }
        pending.put(channel, p);
    }

    private void read(Pending p, List<Pending> complete) {
        buffer.clear();
        int n;
        try {
            n = p.channel.read(buffer);
        } catch (IOException e) {
            drop(p);
            return;
        }
        if (n < 0) { // the client closed its side: what it sent is all it will send
            if (p.line.size() > 0) {
                endLine(p);
            }
            done(p, complete);
            return;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
                endLine(p);
                if (p.lines.size() == LINES) {
                    done(p, complete);
                    return;
                }
            } else if (p.line.size() >= MAX_LINE_BYTES) {
                refuse(p, "a line is longer than " + MAX_LINE_BYTES + " bytes");
                return;
            } else {
                p.line.write(b);
            }
        }
    }

    private static void endLine(Pending p) {
        String text = p.line.toString(StandardCharsets.UTF_8);
        p.lines.add(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        p.line.reset();
    }

    private void done(Pending p, List<Pending> complete) {
        pending.remove(p.channel);
        p.key.cancel();
        complete.add(p);
    }

    private void handOff(Pending p) {
        try {
            p.channel.configureBlocking(true);
        } catch (IOException | RuntimeException e) {
            closeQuietly(p.channel);
            return;
        }
        handoff.received(p.channel, p.peer, List.copyOf(p.lines));
    }

    private void expire() {
        long now = System.nanoTime();
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.deadline - now > 0) {
                return; // the others came later
            }
            it.remove();
            refuse(p, "the token and command lines did not arrive within " + deadlineNanos / 1_000_000
                    + " ms (read.timeout.ms)");
        }
    }

    /** Answers a connection that is still sending with an error and status 1, and closes it. */
    private void refuse(Pending p, String reason) {
        LOG.warn("Command endpoint: refused {}: {}", p.peer, reason);
        pending.remove(p.channel);
        p.key.cancel();
        try {
            // Non-blocking, so one try: an answer this short fits in any socket buffer.
            p.channel.write(ByteBuffer.wrap(("error: " + reason + "\n" + RemoteEndpoint.EXIT_PREFIX
                    + ExitStatus.REFUSED + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // the client went away
        }
        closeQuietly(p.channel);
    }

    private void drop(Pending p) {
        pending.remove(p.channel);
        p.key.cancel();
        closeQuietly(p.channel);
    }

    static String peer(SocketChannel channel) {
        try {
            InetSocketAddress a = (InetSocketAddress) channel.getRemoteAddress();
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        } catch (IOException | RuntimeException e) {
            return "(unknown peer)";
        }
    }

    static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }
}
