package dev.synccenter.impl.storeservice;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.store.SyncStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/**
 * Keeps at most one store open and published, on a thread of its own: opening runs migrations and
 * may wait for a server, so it never runs in a caller's thread (a DS bind or activate method). The
 * store is opened through a factory whose driver class matches the settings, published once it
 * opened, and, when that factory goes, the settings change or the keeper closes, unpublished first
 * (its users let go) and closed after. An opening that fails is logged once and tried again with a
 * doubling delay; the store is published as soon as one succeeds (C40). Plain Java, so tests drive
 * it with fakes; {@link StoreComponent} puts OSGi around it.
 *
 * @param <F> what identifies a factory (a service reference)
 */
final class StoreKeeper<F> {

    /** Opens a working store through a factory, or throws why it cannot. */
    interface Opener<F> {
        SyncStore open(F factory, StoreSettings settings);
    }

    /** Makes a store available to its users; answers what takes it away again. */
    interface Publisher {
        Runnable publish(SyncStore store, StoreSettings settings);
    }

    /** Where the keeper's warnings and news go: the log, or a test. */
    record Log(Consumer<String> warn, Consumer<String> info) {
        static final Log SLF4J = new Log(LOG::warn, LOG::info);
    }

    /** Timing: the first retry's delay, the longest, and how long no factory goes unmentioned. */
    record Timing(Duration firstRetry, Duration maxRetry, Duration factoryGrace) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    private static final Logger LOG = LoggerFactory.getLogger(StoreKeeper.class);

    private final Opener<F> opener;
    private final Publisher publisher;
    private final Comparator<F> preference;
    private final Timing timing;
    private final Log log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;

    // All guarded by lock.
    private StoreSettings settings;
    private String source;
    private final Map<F, String> factories = new HashMap<>(); // factory -> its driver class
    private Published<F> current;
    /** The factory of the store being opened or open: a factory leaving waits until it is let go. */
    private F busyWith;
    private boolean closed;
    private Failure<F> failure;
    private long missingSince;
    private boolean missingLogged;

    private record Published<F>(F factory, StoreSettings settings, SyncStore store, Runnable unpublish) {
    }

    /** Failed openings with one factory and one configuration, and when to try again. */
    private record Failure<F>(F factory, StoreSettings settings, Instant since, String reason, int attempts,
            Duration delay, long nextAttempt) {
    }

    /** @param preference orders factories of one driver class; the greatest is used */
    StoreKeeper(Opener<F> opener, Publisher publisher, Comparator<F> preference, StoreSettings settings,
            String source, Timing timing, Log log) {
        this.opener = opener;
        this.publisher = publisher;
        this.preference = preference;
        this.settings = settings;
        this.source = source;
        this.timing = timing;
        this.log = log;
        this.thread = new Thread(this::run, "sync-center store keeper");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** New settings: a store open with others is replaced; a failing opening is tried again at once. */
    void configure(StoreSettings value, String from) {
        update(() -> {
            settings = value;
            source = from;
            missingLogged = false;
        });
    }

    void factoryAdded(F factory, String driverClass) {
        update(() -> factories.put(factory, Objects.toString(driverClass, "")));
    }

    void factoryModified(F factory, String driverClass) {
        factoryAdded(factory, driverClass);
    }

    /**
     * A factory leaves: returns once no store uses it any more (unpublished and closed), or after
     * {@code wait}, since its driver may stop working once this returns.
     */
    void factoryRemoved(F factory, Duration wait) {
        update(() -> factories.remove(factory));
        if (Thread.currentThread() != thread && !awaitLetGo(factory, wait)) {
            log.warn().accept("The store still used a DataSourceFactory that went away after " + text(wait)
                    + "; it closes as soon as it can");
        }
    }

    /** Unpublishes and closes the store; waits for that up to {@code wait}. */
    void close(Duration wait) {
        update(() -> closed = true);
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn().accept("The store was not closed within " + text(wait)
                    + "; it closes by itself when its opening ends");
        }
    }

    /** Whether a store is published now: for tests. */
    boolean published() {
        lock.lock();
        try {
            return current != null;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            for (Runnable step; (step = nextStep()) != null;) {
                step.run();
            }
        } finally {
            closeCurrent("the store component stops");
        }
    }

    /** Waits until there is something to do: close the store, or open one; null once closed. */
    private Runnable nextStep() {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                long waitNanos = Long.MAX_VALUE;
                if (current != null) {
                    String why = whyNotKeep(current);
                    if (why != null) {
                        return () -> closeCurrent(why);
                    }
                } else {
                    F factory = bestFactory();
                    if (factory == null) {
                        waitNanos = missingFactory(now);
                    } else {
                        missingSince = 0;
                        missingLogged = false;
                        Failure<F> f = failure;
                        boolean retry = f != null && f.factory().equals(factory) && f.settings().equals(settings);
                        if (!retry || f.nextAttempt() - now <= 0) {
                            busyWith = factory;
                            StoreSettings s = settings;
                            return () -> open(factory, s);
                        }
                        waitNanos = f.nextAttempt() - now;
                    }
                }
                awaitChange(waitNanos);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private String whyNotKeep(Published<F> p) {
        String driver = factories.get(p.factory());
        if (driver == null) {
            return "its DataSourceFactory service went away";
        }
        if (!p.settings().equals(settings)) {
            return "its configuration changed (" + source + ")";
        }
        return driver.equals(settings.driverClass()) ? null
                : "its DataSourceFactory service is no longer for " + settings.driverClass();
    }

    private F bestFactory() {
        return factories.entrySet().stream().filter(e -> e.getValue().equals(settings.driverClass()))
                .map(Map.Entry::getKey).max(preference).orElse(null);
    }

    /** No factory for the driver: said once, after a grace period (at start-up its bundle may come later). */
    private long missingFactory(long now) {
        if (missingSince == 0) {
            missingSince = now;
        }
        long left = missingSince + timing.factoryGrace().toNanos() - now;
        if (left > 0 || missingLogged) {
            return left > 0 ? left : Long.MAX_VALUE;
        }
        missingLogged = true;
        log.warn().accept("No DataSourceFactory service with " + StoreProperties.DRIVER + "=" + settings.driverClass()
                + " for " + text(timing.factoryGrace()) + ": is its driver bundle installed and started (SQLite: "
                + "sqlite-jdbc and pax-jdbc-sqlite; PostgreSQL: postgresql)? There is no SyncStore service until "
                + "there is one");
        return Long.MAX_VALUE;
    }

    private void open(F factory, StoreSettings s) {
        SyncStore store;
        try {
            store = opener.open(factory, s);
        } catch (RuntimeException | LinkageError e) { // LinkageError: a driver bundle refreshed under us
            failed(factory, s, e);
            return;
        }
        boolean wanted = locked(() -> !closed && s.equals(settings) && s.driverClass().equals(factories.get(factory)));
        Runnable unpublish = null;
        if (wanted) {
            try {
                unpublish = publisher.publish(store, s);
            } catch (RuntimeException e) {
                log.warn().accept(store.name() + " opened but could not be published: " + e);
            }
        }
        if (unpublish == null) { // things changed while it opened: the next step opens the right one
            store.close();
            update(() -> busyWith = null);
            return;
        }
        Runnable withdraw = unpublish;
        Failure<F> was = locked(() -> {
            current = new Published<>(factory, s, store, withdraw);
            Failure<F> f = failure;
            failure = null;
            return f;
        });
        log.info().accept(store.name() + " is open and published as the SyncStore service" + (was == null ? ""
                : ", after " + was.attempts() + " failed attempts since " + was.since() + " (" + was.reason() + ")"));
    }

    /** Logs the first failure, and a new reason; the same reason again only at debug level. */
    private void failed(F factory, StoreSettings s, Throwable e) {
        String reason = StoreProperties.redact(e.getMessage() == null ? e.toString() : e.getMessage(), s);
        Failure<F> f = locked(() -> {
            Failure<F> was = failure;
            boolean same = was != null && was.factory().equals(factory) && was.settings().equals(s);
            Duration delay = !same ? timing.firstRetry()
                    : was.delay().multipliedBy(2).compareTo(timing.maxRetry()) > 0 ? timing.maxRetry()
                    : was.delay().multipliedBy(2);
            failure = new Failure<>(factory, s, same ? was.since() : Instant.now(), reason,
                    same ? was.attempts() + 1 : 1, delay, System.nanoTime() + delay.toNanos());
            busyWith = null;
            return same && was.reason().equals(reason) ? null : failure;
        });
        if (f != null) {
            log.warn().accept("Cannot open the store (" + StoreProperties.DRIVER + "=" + s.driverClass() + ", url="
                    + (s.url() == null ? "the default SQLite file" : s.safeUrl()) + "): " + reason + ". There is no "
                    + "SyncStore service until it opens; trying again in " + text(f.delay()) + ", then at most every "
                    + text(timing.maxRetry()));
        } else {
            LOG.debug("The store still cannot be opened: {}", reason, e);
        }
    }

    private void closeCurrent(String why) {
        Published<F> p = locked(() -> current);
        if (p != null) {
            try {
                p.unpublish().run(); // its users let go first
                p.store().close();
                log.info().accept(p.store().name() + " is closed: " + why);
            } catch (RuntimeException e) { // the keeper goes on: the next store must still open
                log.warn().accept("Closing " + p.store().name() + " failed: " + e);
            }
        }
        update(() -> {
            current = null;
            busyWith = null;
        });
    }

    private boolean awaitLetGo(F factory, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            for (long left; factory.equals(busyWith); ) {
                if ((left = deadline - System.nanoTime()) <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange(long nanos) {
        try {
            if (nanos == Long.MAX_VALUE) {
                changed.await();
            } else {
                changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true; // nobody interrupts this thread but a framework shutting down
        }
    }

    /** "1 s", "250 ms": for log lines. */
    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Runs under the lock and wakes every waiter: each change may be what the keeper waits for. */
    private void update(Runnable r) {
        locked(() -> {
            r.run();
            return null;
        });
    }

    private <T> T locked(Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }
}
