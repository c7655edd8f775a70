package dev.synccenter.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.impl.metadata.ItemMetadata;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoredBackoff;

/**
 * Retries of transient failures with backoff per handler and item (C42, C43), obeying enable,
 * activate and parking (C45). An item that failed transiently gets a {@link Backoff}; each request
 * that took the failed outcome waits in it for its next attempt while it has attempts left, and
 * ends FAILED after its last. At the end of the backoff the waiting requests queue the item again,
 * or, while the handler or item cannot sync, stay held until it can. A session that syncs the item
 * for anyone (a start by hand ignores backoff, as Android's manual syncs do) takes the waiting
 * requests along, so the item is not synced twice. A success clears the backoff.
 *
 * <p>Lock rule: every method runs with the engine lock held.
 */
final class Retries {

    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    private final EngineLock lock;
    private final Supplier<EngineSettings> settings;
    private final RequestBook book;
    private final Policies policies;
    private final Journal journal;
    private final Timetable timetable;
    /** Told when a slot's queue got the waiting requests of a backoff: the dispatcher runs them. */
    private final Consumer<HandlerSlot> queued;
    /** Backoffs the store kept, by handler and item, until their slot needs them. */
    // @GuardedBy("EngineLock")
    private final Map<String, Map<String, StoredBackoff>> restored = new HashMap<>();

    Retries(EngineLock lock, Supplier<EngineSettings> settings, RequestBook book, Policies policies, Journal journal,
            Timetable timetable, Consumer<HandlerSlot> queued) {
        this.lock = lock;
        this.settings = settings;
        this.book = book;
        this.policies = policies;
        this.journal = journal;
        this.timetable = timetable;
        this.queued = queued;
    }

    /** C42: whether a session item's failure is worth another attempt. */
    static boolean isTransient(SessionItem si) {
        if (si.failure != null) {
            return si.failure.isTransient() && si.status == ProgressStatus.FAILED;
        }
        return si.status == ProgressStatus.DISCONNECTED || si.status == ProgressStatus.FAILED && si.threw;
    }

    /** The engine's retry settings, with what the serving service's properties say over them (C43). */
    RetrySettings policy(HandlerSlot slot) {
        RetrySettings defaults = settings.get().retry();
        return slot.serving == null ? defaults : slot.serving.retry().over(defaults);
    }

    /**
     * An item failed transiently in a session: its backoff grows (or starts), unless it is still
     * running from an earlier failure (Android: "still in backoff, do not increase it"); a handler's
     * "not before" wins when it is later.
     */
    Backoff failed(HandlerSlot slot, SessionItem si, Instant now) {
        lock.assertHeld();
        Backoff b = backoffOf(slot, si.itemId, now);
        if (b.failures == 0 || !now.isBefore(b.retryAt)) {
            b.failures++;
            b.delay = policy(slot).delayAfter(b.failures);
            b.retryAt = now.plus(b.delay);
        }
        Instant notBefore = si.failure == null ? null : si.failure.notBefore();
        if (notBefore != null && notBefore.isAfter(b.retryAt)) {
            b.retryAt = notBefore;
            b.delay = Duration.between(now, notBefore);
        }
        b.reason = reasonOf(si);
        journal.record(new StoreChange.BackoffSet(b.stored(), now));
        return b;
    }

    /**
     * A request took a transient failure of the item: it waits for its next attempt if it has one
     * left (true), or takes the failure as its outcome (false, the caller finishes it).
     */
    boolean defer(Request r, Backoff b, SessionItem si, Instant now) {
        lock.assertHeld();
        if (r.attempts(si.itemId) >= policy(b.slot).maxAttempts()) {
            return false;
        }
        r.notRunning(si.itemId);
        r.errors += si.errors; // each attempt's errors count in the one result (C18)
        r.waitFor(si.itemId, b);
        b.addWaiting(r, si.status);
        if (r.itemsRecorded) {
            journal.record(new StoreChange.ItemDeferred(r.id, si.itemId, b.retryAt, b.reason, now));
        }
        plan(b);
        return true;
    }

    /** A session synced the item successfully: its backoff ends (C43); requests still waiting run now. */
    void succeeded(HandlerSlot slot, String itemId, Instant now) {
        lock.assertHeld();
        Backoff b = slot.backoffs.get(itemId);
        if (b != null) {
            clear(b, now);
        }
    }

    /** A session opens for the item: the requests waiting for it join the session instead of running it again. */
    void join(HandlerSlot slot, Session session, SessionItem si, Instant now) {
        lock.assertHeld();
        Backoff b = slot.backoffs.get(si.itemId);
        if (b == null || b.waiting.isEmpty()) {
            return;
        }
        for (Request r : b.waiting) {
            r.waitFor(si.itemId, null);
            r.subscribe(session, si, now);
            book.started(r, si.itemId);
        }
        b.clearWaiting();
        unplan(b);
        forgetIfDone(b);
    }

    /** C45: the handler may sync again (enabled, activated, served): what fell due meanwhile queues now. */
    void resume(HandlerSlot slot) {
        lock.assertHeld();
        for (Backoff b : List.copyOf(slot.backoffs.values())) {
            if (b.held) {
                release(b);
            }
        }
    }

    /** The end of a backoff: its waiting requests queue the item, or wait on while it cannot sync (C45). */
    private Runnable due(Backoff b) {
        b.due = null;
        release(b);
        return null;
    }

    private void release(Backoff b) {
        if (b.waiting.isEmpty()) {
            b.held = false;
            return;
        }
        if (!canSync(b)) {
            b.held = true;
            return;
        }
        b.held = false;
        QueueEntry entry = new QueueEntry(b.waiting.get(0), false);
        for (Request r : b.waiting) {
            r.waitFor(b.itemId, null);
            entry.add(b.itemId, r);
        }
        b.clearWaiting();
        forgetIfDone(b);
        b.slot.queue.addLast(entry);
        queued.accept(b.slot);
    }

    private boolean canSync(Backoff b) {
        HandlerSlot slot = b.slot;
        if (policies.stopping() || slot.parked() || !slot.metadataCurrent || !policies.enabled(slot)
                || !policies.active(slot)) {
            return false;
        }
        ItemMetadata item = slot.metadata.items().get(b.itemId);
        return item == null || policies.itemEnabled(slot, item); // a vanished item fails in its session (C11)
    }

    // ---- operators (C43)

    List<BackoffSnapshot> snapshots(Iterable<HandlerSlot> slots) {
        lock.assertHeld();
        TreeMap<String, BackoffSnapshot> all = new TreeMap<>();
        restored.forEach((handlerId, rows) -> rows.values().forEach(row -> all.put(handlerId + '\n' + row.itemId(),
                new BackoffSnapshot(handlerId, row.itemId(), row.failures(), row.delay(), row.retryAt(), row.reason(),
                        List.of()))));
        for (HandlerSlot slot : slots) {
            for (Backoff b : slot.backoffs.values()) {
                all.put(slot.id + '\n' + b.itemId, b.snapshot());
            }
        }
        return new ArrayList<>(all.values());
    }

    /**
     * "Retry now": the backoff ends, and the waiting requests queue the item at once (C43, C45).
     * Answers when the last of its changes is stored.
     */
    CompletableFuture<Void> retryNow(HandlerSlot slot, String itemId, Instant now) {
        lock.assertHeld();
        Backoff b = existing(slot, itemId);
        for (Request r : b.waiting) {
            if (r.itemsRecorded) {
                // after a crash they come back due now, not at the end of the backoff they left
                journal.record(new StoreChange.ItemDeferred(r.id, itemId, now, b.reason, now));
            }
        }
        return clear(b, now);
    }

    /** "Give up": the waiting requests end the item FAILED now, and the backoff ends (C43). */
    CompletableFuture<Void> giveUp(HandlerSlot slot, String itemId, Instant now) {
        lock.assertHeld();
        Backoff b = existing(slot, itemId);
        String why = "given up by an operator after " + b.failures + " transient failure(s); the last: " + b.reason;
        Set<Request> touched = new LinkedHashSet<>(b.waiting);
        end(b, null, why); // each as its own last attempt ended, whose error events are counted already
        b.failures = 0;
        CompletableFuture<Void> stored = journal.record(new StoreChange.BackoffCleared(slot.id, itemId));
        forgetIfDone(b);
        book.settle(touched);
        return stored;
    }

    /** A stop (C20, C21): the waiting requests of these items (null: all) end the item CANCELED. */
    void cancelWaiting(HandlerSlot slot, Set<String> itemIds, String reason) {
        lock.assertHeld();
        Set<Request> touched = new LinkedHashSet<>();
        for (Backoff b : List.copyOf(slot.backoffs.values())) {
            if (itemIds == null || itemIds.contains(b.itemId)) {
                touched.addAll(b.waiting);
                end(b, ProgressStatus.CANCELED, reason);
                forgetIfDone(b);
            }
        }
        book.settle(touched);
    }

    /**
     * The handler is gone for good (its park expired, C26) or cannot be listed (C32): the requests
     * waiting in its backoffs are handed to the caller to end, like its queued ones; the backoffs
     * themselves are kept (in the store, and here as if just restored) for when the handler comes back.
     */
    List<Map.Entry<Request, String>> takeWaiting(HandlerSlot slot) {
        lock.assertHeld();
        List<Map.Entry<Request, String>> taken = new ArrayList<>();
        for (Backoff b : slot.backoffs.values()) {
            for (Request r : b.waiting) {
                r.waitFor(b.itemId, null);
                taken.add(Map.entry(r, b.itemId));
            }
            b.clearWaiting();
            unplan(b);
            if (b.failures > 0) {
                restored.computeIfAbsent(slot.id, h -> new TreeMap<>()).put(b.itemId, b.stored());
            }
        }
        slot.backoffs.clear();
        return taken;
    }

    // ---- restoring (C37)

    /**
     * A backoff the store kept: its failures and its end survive the restart (C43). It joins its
     * handler's slot when the slot needs it (a request waits in it, the item fails again, an
     * operator acts on it), so that a backoff alone does not list a handler that never comes back.
     */
    void restore(StoredBackoff row) {
        lock.assertHeld();
        restored.computeIfAbsent(row.handlerId(), h -> new TreeMap<>()).put(row.itemId(), row);
    }

    /** The item's backoff in the slot, the one the store kept for it, or a new one ending at {@code retryAt}. */
    private Backoff backoffOf(HandlerSlot slot, String itemId, Instant retryAt) {
        Backoff b = slot.backoffs.get(itemId);
        if (b != null) {
            return b;
        }
        b = new Backoff(slot, itemId, retryAt);
        Map<String, StoredBackoff> kept = restored.get(slot.id);
        StoredBackoff row = kept == null ? null : kept.remove(itemId);
        if (row != null) {
            b.failures = row.failures();
            b.delay = row.delay();
            b.retryAt = row.retryAt();
            b.reason = row.reason();
        }
        slot.backoffs.put(itemId, b);
        return b;
    }

    /** A request item that waited when the platform stopped: it waits on, to its stored retry time. */
    void restoreWaiting(HandlerSlot slot, Request r, String itemId, Instant retryAt, String reason) {
        lock.assertHeld();
        Backoff b = backoffOf(slot, itemId, retryAt);
        if (b.failures == 0 && b.waiting.isEmpty()) {
            b.retryAt = retryAt; // no backoff row: cleared before the stop, so the stored time holds
            b.reason = reason == null ? "" : reason;
        }
        r.waitFor(itemId, b);
        b.addWaiting(r, ProgressStatus.FAILED); // the store keeps no attempt's status: "give up" ends it FAILED
        plan(b);
    }

    // ----

    private Backoff existing(HandlerSlot slot, String itemId) {
        Map<String, StoredBackoff> kept = restored.get(slot.id);
        Backoff b = slot.backoffs.containsKey(itemId) || kept != null && kept.containsKey(itemId)
                ? backoffOf(slot, itemId, null) : null;
        if (b == null) {
            throw new SyncArgumentException("itemId", "item '" + itemId + "' of handler '" + slot.id
                    + "' is not in backoff");
        }
        return b;
    }

    /** Ends the waiting requests' item with {@code status}, or (null) as each one's last attempt ended. */
    private void end(Backoff b, ProgressStatus status, String reason) {
        for (Request r : b.waiting) {
            r.waitFor(b.itemId, null);
            book.finish(r, b.itemId, status != null ? status : b.lastStatusOf(r), 0, 0);
            r.reasonIfNone(reason);
        }
        b.clearWaiting();
        unplan(b);
    }

    private CompletableFuture<Void> clear(Backoff b, Instant now) {
        b.failures = 0;
        b.delay = Duration.ZERO;
        CompletableFuture<Void> stored = journal.record(new StoreChange.BackoffCleared(b.slot.id, b.itemId));
        if (!b.waiting.isEmpty()) {
            b.retryAt = now;
            unplan(b);
            release(b);
        }
        forgetIfDone(b);
        return stored;
    }

    private void plan(Backoff b) {
        if (b.due != null && b.due.at.equals(b.retryAt)) {
            return;
        }
        unplan(b);
        b.due = timetable.at(b.retryAt, () -> due(b));
    }

    private static void unplan(Backoff b) {
        if (b.due != null) {
            b.due.cancel();
            b.due = null;
        }
    }

    private void forgetIfDone(Backoff b) {
        if (!b.live() && b.slot.backoffs.get(b.itemId) == b) {
            b.slot.backoffs.remove(b.itemId);
            unplan(b);
            LOG.debug("Handler {} item {}: backoff ended", b.slot.id, b.itemId);
        }
    }

    private static String reasonOf(SessionItem si) {
        if (si.failure != null && !si.failure.reason().isEmpty()) {
            return si.failure.reason();
        }
        if (si.failReason != null) {
            return si.failReason;
        }
        return si.status == ProgressStatus.DISCONNECTED ? "the item was disconnected" : "the sync failed";
    }
}
