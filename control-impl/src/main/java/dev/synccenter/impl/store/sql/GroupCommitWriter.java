package dev.synccenter.impl.store.sql;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.store.StoreException;
import dev.synccenter.impl.store.StoreRefusedException;
import dev.synccenter.impl.store.StoreHealth;

/**
 * A writer of the store ({@link StoreWriters}: SQLite has one, PostgreSQL one for acceptances and
 * one for the rest), which commits what is submitted to it in submission order. A thread drains a
 * bounded queue and commits what it finds in one transaction, up to {@code maxBatch}: under load, one commit (one fsync) serves many changes, and each change is
 * still acknowledged only once its transaction committed.
 *
 * <p>A transaction that a change refuses (a constraint) is rolled back and its writes are retried one
 * per transaction, so only the refused change fails. A transaction that the database fails is
 * rolled back, its changes fail, and the store is <em>failing</em>: every submission fails at once
 * while a retry every {@code retryInterval} reopens the connection, until one succeeds (C40).
 * Futures complete on an acknowledgement thread, so that no caller's callback runs on (or blocks)
 * the writer.
 */
final class GroupCommitWriter {

    /** Opens a writer connection: configured, migrated, with this node's heartbeat written. */
    interface Opener {
        PreparedConnection open() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** A connection idle this long is checked before use: a database restart may have dropped it. */
    private static final long CHECK_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String storeName;
    private final Dialect dialect;
    private final Opener opener;
    private final StoreSettings settings;
    private final Clock clock;
    private final BlockingQueue<Pending<?>> queue;
    private final Pending<Void> wakeUp = new Pending<>("nothing", c -> null, null);
    private final ExecutorService acks;
    private final Thread thread;

    private volatile StoreHealth health = StoreHealth.healthy();
    private volatile boolean closing;
    private volatile boolean stopped;
    /** The writer thread's alone once it runs. */
    private PreparedConnection connection;

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();

    /** Applies consecutive items of a group together (the store's changes, as JDBC batches). */
    @FunctionalInterface
    interface BatchWork {
        void applyAll(List<Object> items, PreparedConnection c) throws SQLException;
    }

    private final BatchWork batchWork;

    GroupCommitWriter(String storeName, String threadName, Dialect dialect, Opener opener, StoreSettings settings,
            Clock clock, BatchWork batchWork) {
        this.batchWork = batchWork;
        this.storeName = storeName;
        this.dialect = dialect;
        this.opener = opener;
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.acks = Executors.newSingleThreadExecutor(r -> daemon(r, threadName + "-acks"));
        this.thread = daemon(this::run, threadName);
    }

    /**
     * Opens the first connection on the caller's thread, so that a schema newer than this code fails
     * the caller at once; a database that cannot be reached only makes the store start failing,
     * unless {@code mustConnect}: then that fails the caller too, and nothing is logged or left
     * running, for a caller that retries by itself (the OSGi component).
     */
    void start(boolean mustConnect) {
        try {
            connection = opener.open();
        } catch (SQLException e) {
            if (mustConnect) {
                acks.shutdown();
                throw new StoreException(storeName + " cannot be opened: " + describe(e), e);
            }
            failing(e);
        } catch (RuntimeException e) {
            acks.shutdown();
            throw e;
        }
        thread.start();
    }

    <T> CompletableFuture<T> submit(String what, SqlWork<T> work) {
        return enqueue(new Pending<>(what, work, null));
    }

    /**
     * Queues an item for {@link BatchWork}: items that follow each other in a group are applied in
     * one call, so a group costs a few statements' round trips, not one per item.
     */
    CompletableFuture<Void> submitItem(String what, Object item) {
        return enqueue(new Pending<>(what, null, Objects.requireNonNull(item, "item")));
    }

    private <T> CompletableFuture<T> enqueue(Pending<T> p) {
        String what = p.what;
        if (closing) {
            return CompletableFuture.failedFuture(closed(what));
        }
        StoreHealth h = health;
        if (!h.ok()) {
            return CompletableFuture.failedFuture(failing(what, h));
        }
        if (!queue.offer(p)) {
            return CompletableFuture.failedFuture(new StoreException(storeName + ": store queue full ("
                    + settings.queueCapacity() + " changes wait to be written, queue.capacity): " + what
                    + " was not stored"));
        }
        if (stopped && queue.remove(p)) { // the writer ended between the check and the offer
            p.future.completeExceptionally(closed(what));
        }
        return p.future;
    }

    StoreHealth health() {
        return health;
    }

    WriterStats stats() {
        return new WriterStats(commits.get(), changes.get(), failedCommits.get(), largestBatch.get());
    }

    /** Writes what is queued (or fails it, when failing), then stops; waits up to the call timeout. */
    void close() {
        closing = true;
        queue.offer(wakeUp);
        Duration wait = settings.callTimeout();
        try {
            thread.join(wait.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{}: the writer did not finish within {}; interrupting it", storeName, wait);
                thread.interrupt();
                thread.join(1_000);
            }
            acks.shutdown();
            acks.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>();
        try {
            while (true) {
                if (!health.ok()) {
                    if (closing) {
                        break;
                    }
                    refuseWhileFailing();
                    recover();
                    continue;
                }
                // Closing: write what is left, then stop instead of waiting for more.
                Pending<?> first = closing ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
                if (first == null || first == wakeUp) {
                    if (closing && queue.isEmpty()) {
                        break;
                    }
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                batch.remove(wakeUp);
                write(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() gave up waiting
        } finally {
            stopped = true;
            for (Pending<?> p; (p = queue.poll()) != null;) {
                reject(p, closed(p.what));
            }
            dropConnection();
        }
    }

    /** Commits a group; on a refusal, retries its writes one per transaction so only that one fails. */
    private void write(List<Pending<?>> batch) {
        Exception failure = commit(batch);
        if (failure == null) {
            return;
        }
        if (!isRefusal(failure)) {
            storeFailed(batch, failure);
            return;
        }
        if (batch.size() == 1) {
            reject(batch.get(0), refused(batch.get(0), failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending<?> p = batch.get(i);
            Exception f = commit(List.of(p));
            if (f != null && isRefusal(f)) {
                reject(p, refused(p, f));
            } else if (f != null) {
                storeFailed(batch.subList(i, batch.size()), f);
                return;
            }
        }
    }

    /** One transaction; null when it committed (and its writes are acknowledged). */
    private Exception commit(List<Pending<?>> batch) {
        try {
            PreparedConnection c = connection();
            dialect.begin(c.connection());
            for (int i = 0; i < batch.size();) {
                Pending<?> p = batch.get(i);
                if (p.item == null) {
                    p.run(c);
                    i++;
                    continue;
                }
                List<Object> items = new ArrayList<>();
                for (; i < batch.size() && batch.get(i).item != null; i++) {
                    items.add(batch.get(i).item);
                }
                batchWork.applyAll(items, c);
            }
            dialect.commit(c.connection());
            c.used();
            commits.incrementAndGet();
            changes.addAndGet(batch.size());
            largestBatch.accumulateAndGet(batch.size(), Math::max);
            List<Pending<?>> done = List.copyOf(batch);
            acknowledge(() -> done.forEach(Pending::complete));
            return null;
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                dialect.rollbackQuietly(connection.connection());
            }
            return e;
        }
    }

    private PreparedConnection connection() throws SQLException {
        if (connection != null && connection.idleNanos() > CHECK_IDLE_NANOS
                && !connection.connection().isValid(2)) {
            dropConnection();
        }
        if (connection == null) {
            connection = opener.open();
        }
        return connection;
    }

    private boolean isRefusal(Exception e) {
        if (e instanceof SQLException sql) {
            return dialect.isRefusal(sql);
        }
        return !(e instanceof StoreException); // ChangeRefused, or a change the SQL could not take
    }

    private void storeFailed(List<Pending<?>> batch, Exception cause) {
        failedCommits.incrementAndGet();
        dropConnection();
        failing(cause);
        for (Pending<?> p : batch) {
            reject(p, new StoreException(storeName + ": writing " + p.what + " failed: " + describe(cause), cause));
        }
    }

    /** Marks the store failing; logs when it starts failing, not at each failed retry. */
    private void failing(Exception cause) {
        StoreHealth was = health;
        health = StoreHealth.failing(was.ok() ? clock.instant() : was.failingSince(), describe(cause));
        if (was.ok()) {
            LOG.warn("{} is failing: {}. Changes are refused until it works again; trying every {}", storeName,
                    describe(cause), settings.retryInterval(), cause);
        } else {
            LOG.debug("{} still fails: {}", storeName, describe(cause));
        }
    }

    /** Until the next retry: what was queued before the store failed is refused as it comes. */
    private void refuseWhileFailing() throws InterruptedException {
        long deadline = System.nanoTime() + settings.retryInterval().toNanos();
        for (long left; !closing && (left = deadline - System.nanoTime()) > 0;) {
            Pending<?> p = queue.poll(left, TimeUnit.NANOSECONDS);
            if (p != null && p != wakeUp) {
                reject(p, failing(p.what, health));
            }
        }
    }

    private void recover() {
        if (closing) {
            return;
        }
        dropConnection();
        try {
            connection = opener.open();
            StoreHealth was = health;
            health = StoreHealth.healthy();
            LOG.info("{} works again (it was failing since {}: {})", storeName, was.failingSince(), was.reason());
        } catch (SQLException | RuntimeException e) {
            failing(e);
        }
    }

    private void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private void reject(Pending<?> p, StoreException e) {
        acknowledge(() -> p.future.completeExceptionally(e));
    }

    private void acknowledge(Runnable r) {
        try {
            acks.execute(r);
        } catch (RejectedExecutionException closedAlready) {
            r.run();
        }
    }

    private StoreException closed(String what) {
        return new StoreException(storeName + " is closed: " + what + " was not stored");
    }

    private StoreException failing(String what, StoreHealth h) {
        return new StoreException(storeName + " is failing since " + h.failingSince() + " (" + h.reason() + "): "
                + what + " was not stored");
    }

    private StoreException refused(Pending<?> p, Exception cause) {
        return new StoreRefusedException(storeName + " refused " + p.what + ": " + describe(cause), cause);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A write waiting for its group commit, and the caller's future. */
    private static final class Pending<T> {
        final String what;
        final SqlWork<T> work;
        /** For {@link BatchWork} instead of {@code work}; null for work of its own. */
        final Object item;
        final CompletableFuture<T> future = new CompletableFuture<>();
        private T value;

        Pending(String what, SqlWork<T> work, Object item) {
            this.what = what;
            this.work = work;
            this.item = item;
        }

        void run(PreparedConnection c) throws SQLException {
            value = work.apply(c);
        }

        void complete() {
            future.complete(value);
        }
    }
}
