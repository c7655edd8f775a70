package dev.synccenter.impl.notify;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.SyncListener;

/**
 * Tells whiteboard listeners what happened (C34), containing the ones that throw or block (C19).
 *
 * <p>Each listener has its own channel: notifications to it run one at a time, in order, on a pool
 * thread. A listener that blocks holds up only its own channel; once that channel has
 * {@value #MAX_BACKLOG} notifications waiting, further ones for it are dropped and that is logged
 * once, so a stuck listener cannot exhaust memory either.
 */
public final class Notifier {

    static final int MAX_BACKLOG = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final Executor pool;
    private final Map<SyncListener, Channel> channels = new ConcurrentHashMap<>();

    public Notifier(Executor pool) {
        this.pool = pool;
    }

    public void add(SyncListener listener) {
        channels.putIfAbsent(listener, new Channel(listener));
    }

    public void remove(SyncListener listener) {
        Channel channel = channels.remove(listener);
        if (channel != null) {
            channel.close();
        }
    }

    public boolean isEmpty() {
        return channels.isEmpty();
    }

    /** Queues one notification for every listener; never blocks and never throws. */
    public void fire(Consumer<SyncListener> notification) {
        for (Channel channel : channels.values()) {
            channel.offer(notification);
        }
    }

    private final class Channel implements Runnable {
        private final SyncListener listener;
        private final ArrayDeque<Consumer<SyncListener>> backlog = new ArrayDeque<>();
        private boolean scheduled;
        private boolean closed;
        private boolean overflowLogged;

        Channel(SyncListener listener) {
            this.listener = listener;
        }

        void offer(Consumer<SyncListener> notification) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (backlog.size() >= MAX_BACKLOG) {
                    if (!overflowLogged) {
                        overflowLogged = true;
                        LOG.warn("Listener {} is not keeping up ({} notifications waiting); dropping until it"
                                + " catches up", listener, backlog.size());
                    }
                    return;
                }
                backlog.addLast(notification);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            try {
                pool.execute(this);
            } catch (RuntimeException e) {
                synchronized (this) {
                    scheduled = false;
                }
                LOG.debug("Notification pool refused a task; listener {} misses it", listener, e);
            }
        }

        void close() {
            synchronized (this) {
                closed = true;
                backlog.clear();
            }
        }

        @Override
        public void run() {
            while (true) {
                Consumer<SyncListener> next;
                synchronized (this) {
                    next = backlog.pollFirst();
                    if (next == null) {
                        scheduled = false;
                        overflowLogged = false;
                        return;
                    }
                }
                try {
                    next.accept(listener);
                } catch (Throwable t) {
                    LOG.warn("Listener {} threw; it keeps getting notifications (C19)", listener, t);
                }
            }
        }
    }
}
