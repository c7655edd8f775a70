package dev.synccenter.impl.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncResultListener;

/**
 * One accepted start call and the outcome of each of its items ({@link ItemTable}). Guarded by the
 * engine's lock, except the handle's future and outcome, which are set once, outside it.
 *
 * <p>A queued request is most of the engine's heap when millions are queued (C41), so it is kept
 * small: no map for one item, the acceptance time as a number, the future made only when the
 * caller asks for it, maps for running items made only when one runs.
 */
final class Request extends ItemTable implements SyncRequest {

    private static final VarHandle FUTURE;

    static {
        try {
            FUTURE = MethodHandles.lookup().findVarHandle(Request.class, "future", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final String handlerId;
    final RequestKind kind;
    final Set<SyncControlFlag> flags;
    final Object context;
    /** The context could not be stored (C36): after a restart the request cannot run as asked. */
    boolean volatileContext;
    final SyncResultListener listener;
    /** Made when the caller first asks for the result ({@link #result()}); null until then. */
    private volatile CompletableFuture<SyncResult> future;
    /** What the handle completes with, a {@link SyncResult} or a {@link Throwable}; null until delivered. */
    private volatile Object outcome;
    /** Nanoseconds since the epoch: an {@link Instant} would cost 24 bytes more per request. */
    private final long acceptedNanos;
    /** Made when a session first takes up one of its items; null while it is queued. */
    private RequestRun run;
    int pending;
    /** False for a handler sync until its session decided its items (C8). */
    boolean resolved;
    int errors;
    int conflicts;
    /** The status of a request that ended before it had any item (a handler sync stopped in the queue). */
    ProgressStatus emptyStatus;
    String reason;
    /**
     * Whether the store knows the request's items: always for an item sync; for a handler sync,
     * once its items were decided and recorded (C8). Until then its item changes are not recorded
     * one by one but with the decision.
     */
    boolean itemsRecorded;
    /** Written once, by {@link RequestBook}; a second result is a bug and fails loudly (C17). */
    private SyncResult result;

    Request(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags, Object context,
            SyncResultListener listener, Instant acceptedAt) {
        this.id = id;
        this.handlerId = handlerId;
        this.kind = kind;
        this.flags = Flags.shared(flags);
        this.context = context;
        this.listener = listener;
        this.acceptedNanos = Math.addExact(Math.multiplyExact(acceptedAt.getEpochSecond(), 1_000_000_000L),
                acceptedAt.getNano());
        this.resolved = kind == RequestKind.ITEM_SYNC;
        this.itemsRecorded = resolved;
    }

    private RequestRun run() {
        if (run == null) {
            run = new RequestRun();
        }
        return run;
    }

    /** Counts a session starting the item: its attempt number, from 1 (or after {@code before}). */
    int nextAttempt(String itemId) {
        return run().nextAttempt(itemId);
    }

    /** Sets how many sessions started the item before, as a restored request knows it (C37). */
    void attemptsBefore(String itemId, int count) {
        if (count > 0) {
            run().attemptsBefore(itemId, count);
        }
    }

    /**
     * Makes the request take an item's outcome from a running session's item (C10, C16), and
     * records when its first session started and which bundle serves it.
     */
    void subscribe(Session session, SessionItem item, Instant now) {
        item.subscribers.add(this);
        RequestRun r = run();
        r.running(item.itemId, item);
        if (r.startedAt == null) {
            r.startedAt = now;
        }
        r.servedBy(session.ref.bundle());
    }

    /** When its first session started, or null while it is queued. */
    Instant startedAt() {
        return run == null ? null : run.startedAt;
    }

    String servedBy() {
        return run == null ? null : run.servedBy;
    }

    /** A handler sync that ends before its session decided its items (C8) ends with this status. */
    void resolveEmpty(ProgressStatus status) {
        resolved = true;
        emptyStatus = status;
    }

    void reasonIfNone(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    SessionItem runningItem(String itemId) {
        return run == null ? null : run.runningItem(itemId);
    }

    /** The item no longer waits on a session item (its session ended it, or will run it again). */
    void notRunning(String itemId) {
        if (run != null) {
            run.notRunning(itemId);
        }
    }

    int attempts(String itemId) {
        return run == null ? 0 : run.attempts(itemId);
    }

    /** Marks an item as waiting in a backoff for its next attempt, or (null) no longer (C43). */
    void waitFor(String itemId, Backoff backoff) {
        if (backoff != null || run != null) {
            run().waitFor(itemId, backoff);
        }
    }

    /** The items that wait for a retry, with their backoffs. */
    java.util.Map<String, Backoff> waiting() {
        return run == null ? java.util.Map.of() : run.waiting();
    }

    boolean anyRunning() {
        return run != null && run.anyRunning();
    }

    void lastProgress(String itemId, ItemProgress progress) {
        run().lastProgress(itemId, progress);
    }

    ItemProgress lastProgress(String itemId) {
        return run == null ? null : run.lastProgress(itemId);
    }

    Instant acceptedAt() {
        return Instant.ofEpochSecond(0, acceptedNanos);
    }

    /** Adds an item, PENDING, unless the request has it already. */
    void expect(String itemId) {
        if (addItem(itemId, ProgressStatus.PENDING)) {
            pending++;
        }
    }

    /** Records an item's final status; false if it was final already (it keeps its first outcome). */
    boolean finish(String itemId, ProgressStatus status, int itemErrors, int itemConflicts) {
        ProgressStatus now = status(itemId);
        if (now == null || now.isFinal()) {
            return false;
        }
        setStatus(itemId, status);
        notRunning(itemId);
        pending--;
        errors += itemErrors;
        conflicts += itemConflicts;
        return true;
    }

    boolean readyToComplete() {
        return result == null && resolved && pending == 0;
    }

    SyncResult buildResult(Instant finishedAt) {
        ProgressStatus status = noItems() && emptyStatus != null ? emptyStatus : SyncResult.aggregate(statuses());
        return new SyncResult(id, handlerId, status, errors, conflicts, itemStatuses(), reason, acceptedAt(),
                startedAt(), finishedAt, servedBy(), attemptsInOrder());
    }

    /** Each item's attempts in request order, 0 for those that never ran (C43). */
    private java.util.Map<String, Integer> attemptsInOrder() {
        java.util.Map<String, Integer> all = new java.util.LinkedHashMap<>();
        for (int i = 0; i < itemCount(); i++) {
            all.put(itemAt(i), attempts(itemAt(i)));
        }
        return all;
    }

    /** The result, null until the request completed. */
    SyncResult finalResult() {
        return result;
    }

    void recordResult(SyncResult value) {
        if (result != null) {
            throw new IllegalStateException("a second result for " + this + ": " + result + ", then " + value
                    + " (C17)");
        }
        result = value;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String handlerId() {
        return handlerId;
    }

    /** Completes the handle with the result; on a delivery thread, never under the engine's lock. */
    void deliver(SyncResult value) {
        settleHandle(value);
    }

    /** Completes the handle with an error, for example {@link dev.synccenter.control.SyncSuspendedException}. */
    void deliverFailure(Throwable error) {
        settleHandle(error);
    }

    /**
     * The outcome is written before the future is read, and {@link #result()} publishes the future
     * before it reads the outcome: whichever comes second completes the future (both may; a
     * future completes once).
     */
    private void settleHandle(Object value) {
        outcome = value;
        CompletableFuture<SyncResult> f = future;
        if (f != null) {
            complete(f, value);
        }
    }

    @SuppressWarnings("unchecked")
    @Override
    public CompletionStage<SyncResult> result() {
        CompletableFuture<SyncResult> f = future;
        if (f == null) {
            CompletableFuture<SyncResult> made = new CompletableFuture<>();
            f = FUTURE.compareAndSet(this, null, made) ? made : (CompletableFuture<SyncResult>) FUTURE.getVolatile(this);
        }
        Object value = outcome;
        if (value != null) {
            complete(f, value);
        }
        return f.minimalCompletionStage();
    }

    private static void complete(CompletableFuture<SyncResult> f, Object value) {
        if (value instanceof SyncResult r) {
            f.complete(r);
        } else {
            f.completeExceptionally((Throwable) value);
        }
    }

    @Override
    public String toString() {
        return "request " + id + " (" + handlerId + ")";
    }
}
