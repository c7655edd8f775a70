package dev.synccenter.impl.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * One accepted start call and the outcome of each of its items. Guarded by the engine's lock,
 * except the future, which completes once, outside it.
 */
final class Request implements SyncRequest {

    final long id;
    final String handlerId;
    final RequestKind kind;
    final Set<SyncControlFlag> flags;
    final Object context;
    /** The context could not be stored (C36): after a restart the request cannot run as asked. */
    boolean volatileContext;
    final SyncResultListener listener;
    final CompletableFuture<SyncResult> future = new CompletableFuture<>();
    final Instant acceptedAt;
    Instant startedAt;
    /** The bundle (symbolic name and version) of each service whose session synced an item of it. */
    private String servedBy;

    /** Each item's status; PENDING until final. In request order. */
    /** Most requests have one item or a few: a small table keeps a queued request small (C41). */
    final Map<String, ProgressStatus> items = new LinkedHashMap<>(2);
    /** The last progress of each item that ended in a session, for consoles; created when first needed. */
    private Map<String, ItemProgress> lastProgress;
    /** The live session item each unfinished item waits on; created when first needed. */
    private Map<String, SessionItem> running;
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
    /** Sessions that started each item, counted from 1; created when first needed. */
    private Map<String, Integer> attempts;
    /** Written once, by {@link RequestBook}; a second result is a bug and fails loudly (C17). */
    private SyncResult result;

    Request(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags, Object context,
            SyncResultListener listener, Instant acceptedAt) {
        this.id = id;
        this.handlerId = handlerId;
        this.kind = kind;
        this.flags = flags;
        this.context = context;
        this.listener = listener;
        this.acceptedAt = acceptedAt;
        this.resolved = kind == RequestKind.ITEM_SYNC;
        this.itemsRecorded = resolved;
    }

    /** Counts a session starting the item: its attempt number, from 1 (or after {@code before}). */
    int nextAttempt(String itemId) {
        if (attempts == null) {
            attempts = new HashMap<>(4);
        }
        return attempts.merge(itemId, 1, Integer::sum);
    }

    /** Sets how many sessions started the item before, as a restored request knows it (C37). */
    void attemptsBefore(String itemId, int count) {
        if (count > 0) {
            if (attempts == null) {
                attempts = new HashMap<>(4);
            }
            attempts.put(itemId, count);
        }
    }

    /**
     * Makes the request take an item's outcome from a running session's item (C10, C16), and
     * records when its first session started and which bundle serves it.
     */
    void subscribe(Session session, SessionItem item, Instant now) {
        item.subscribers.add(this);
        running(item.itemId, item);
        if (startedAt == null) {
            startedAt = now;
        }
        String bundle = session.ref.bundle();
        if (servedBy == null) {
            servedBy = bundle;
        } else if (!servedBy.equals(bundle) && !(", " + servedBy + ",").contains(", " + bundle + ",")) {
            servedBy = servedBy + ", " + bundle; // served by two versions: a swap during the request (C27)
        }
    }

    String servedBy() {
        return servedBy;
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

    // Most requests are small and short-lived: these maps are created only when an item needs them.

    void running(String itemId, SessionItem item) {
        if (running == null) {
            running = new HashMap<>(4);
        }
        running.put(itemId, item);
    }

    SessionItem runningItem(String itemId) {
        return running == null ? null : running.get(itemId);
    }

    void notRunning(String itemId) {
        if (running != null) {
            running.remove(itemId);
        }
    }

    boolean anyRunning() {
        return running != null && !running.isEmpty();
    }

    void lastProgress(String itemId, ItemProgress progress) {
        if (lastProgress == null) {
            lastProgress = new HashMap<>(4);
        }
        lastProgress.put(itemId, progress);
    }

    ItemProgress lastProgress(String itemId) {
        return lastProgress == null ? null : lastProgress.get(itemId);
    }

    void expect(String itemId) {
        if (items.putIfAbsent(itemId, ProgressStatus.PENDING) == null) {
            pending++;
        }
    }

    /** Records an item's final status; false if it was final already (it keeps its first outcome). */
    boolean finish(String itemId, ProgressStatus status, int itemErrors, int itemConflicts) {
        ProgressStatus now = items.get(itemId);
        if (now == null || now.isFinal()) {
            return false;
        }
        items.put(itemId, status);
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
        ProgressStatus status = items.isEmpty() && emptyStatus != null ? emptyStatus
                : SyncResult.aggregate(items.values());
        return new SyncResult(id, handlerId, status, errors, conflicts, items, reason, acceptedAt, startedAt,
                finishedAt, servedBy);
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

    @Override
    public CompletionStage<SyncResult> result() {
        return future.minimalCompletionStage();
    }

    @Override
    public String toString() {
        return "request " + id + " (" + handlerId + ")";
    }
}
