package dev.synccenter.impl.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncResultListener;
import dev.synccenter.impl.store.ContextCodec;
import dev.synccenter.impl.store.StoreChange;

/**
 * Turns a start call into a request and a queue entry (C5 to C10, C36), in two steps around the
 * store's commit: {@link #prepare} checks that the handler and its items may start, makes the
 * request and hands its acceptance to the store; once it is stored, {@link #publish} subscribes to
 * running sessions under IGNORE_IF_ALREADY_SYNCING, queues and dispatches. A request is never
 * queued before it is stored, so nothing runs that a crash could forget.
 *
 * <p>Lock rule: both steps run with the engine lock held; the caller waits for the commit between
 * them without it.
 */
final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    /** A request whose acceptance is being stored, and the commit to wait for. */
    record Pending(Request request, List<String> itemIds, CompletableFuture<Void> stored) {
    }

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final Policies policies;
    private final RequestBook book;
    private final Dispatcher dispatcher;
    private final Reporter reporter;
    private final Journal journal;
    private final ContextCodec contexts = new ContextCodec(ContextCodec.DEFAULT_MAX_BYTES);
    private final Clock clock;

    Intake(EngineLock lock, HandlerRegistry registry, Policies policies, RequestBook book, Dispatcher dispatcher,
            Reporter reporter, Journal journal, Clock clock) {
        this.lock = lock;
        this.registry = registry;
        this.policies = policies;
        this.book = book;
        this.dispatcher = dispatcher;
        this.reporter = reporter;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * How the store will keep a start call's context (C36). Runs without the engine lock: reading a
     * context is the caller's code (its lists and maps), which may throw or block; a context that
     * cannot be read is not storable.
     */
    ContextCodec.Encoded encode(Object context) {
        lock.assertNotHeld();
        try {
            return contexts.encode(context);
        } catch (RuntimeException | StackOverflowError e) {
            return new ContextCodec.Encoded.NotStorable("reading it threw " + e);
        }
    }

    /** C5: start-item-sync, up to the store's commit. */
    Pending prepareItemSync(String handlerId, List<String> items, Object context, ContextCodec.Encoded encoded,
            Set<SyncControlFlag> flags, SyncResultListener listener) {
        HandlerSlot slot = startable(handlerId, 1);
        policies.checkStartItems(slot, items);
        return store(book.accept(slot.id, RequestKind.ITEM_SYNC, flags, context, listener), items, encoded);
    }

    /** C8: start-handler-sync, up to the store's commit; its items are decided when its session starts. */
    Pending prepareHandlerSync(String handlerId, Object context, ContextCodec.Encoded encoded,
            Set<SyncControlFlag> flags, SyncResultListener listener) {
        HandlerSlot slot = startable(handlerId, 1);
        return store(book.accept(slot.id, RequestKind.HANDLER_SYNC, flags, context, listener), List.of(), encoded);
    }

    /** C8: a handler sync of every active, enabled handler whose policy allows it, all or nothing. */
    List<Pending> prepareSyncAll() {
        lock.assertHeld();
        policies.refuseIfStopping();
        List<HandlerSlot> targets = new ArrayList<>();
        for (HandlerSlot slot : registry.sorted()) {
            if (policies.allowsSyncAll(slot)) {
                targets.add(slot);
            }
        }
        book.refuseIfFull(targets.size());
        book.reserveFor(targets.size()); // before any acceptance is handed to the store
        List<Pending> pending = new ArrayList<>();
        for (HandlerSlot slot : targets) {
            pending.add(store(book.accept(slot.id, RequestKind.HANDLER_SYNC, Set.of(), null, null), List.of(),
                    new ContextCodec.Encoded.Storable(null)));
        }
        return pending;
    }

    private Pending store(Request request, List<String> items, ContextCodec.Encoded encoded) {
        String text = encoded instanceof ContextCodec.Encoded.Storable s ? s.text() : null;
        if (encoded instanceof ContextCodec.Encoded.NotStorable n) {
            LOG.debug("{} is volatile: its context {}", request, n.reason()); // C36: shown, not dropped
            request.volatileContext = true;
        }
        CompletableFuture<Void> stored = journal.owned(new StoreChange.RequestAccepted(request.id,
                request.handlerId, request.kind, request.flags, text, text == null && request.context != null,
                request.acceptedAt(), items));
        return new Pending(request, items, stored);
    }

    /**
     * The acceptance is stored: the request opens, and queues unless the handler may no longer start
     * it (disabled, deactivated or gone for good meanwhile); then it ends CANCELED at once with the
     * reason, since a stored request must have its one result (C17).
     */
    void publish(Pending p) {
        lock.assertHeld();
        Request request = p.request();
        book.open(request);
        if (policies.stopping()) {
            // Stored while the engine stopped (C35): it is suspended with the others, to resume (C37).
            for (String itemId : p.itemIds()) {
                request.expect(itemId);
            }
            book.suspend(request);
            return;
        }
        HandlerSlot slot = registry.get(request.handlerId);
        String refusal = refusal(slot);
        QueueEntry work = new QueueEntry(request, request.kind == RequestKind.HANDLER_SYNC);
        if (request.kind == RequestKind.ITEM_SYNC) {
            boolean joinRunning = request.flags.contains(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING);
            for (String itemId : p.itemIds()) {
                request.expect(itemId);
                Session running = joinRunning && refusal == null ? slot.sessionSyncing(itemId) : null;
                if (running != null) {
                    request.subscribe(running, running.items.get(itemId), clock.instant()); // C10
                    book.started(request, itemId);
                } else {
                    work.add(itemId, request);
                }
            }
        } else if (refusal == null && request.flags.contains(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING)) {
            joinRunningItems(slot, request);
        }
        if (refusal != null) {
            LOG.info("{} was stored but its handler refuses it now: {}; it ends CANCELED", request, refusal);
            request.reasonIfNone(refusal);
            slot = null;
        }
        enqueue(slot, request, work);
    }

    /** The acceptance could not be stored: the request never existed (C40). */
    void abandon(Pending p) {
        book.dropUnstored(p.request());
    }

    private void joinRunningItems(HandlerSlot slot, Request request) {
        for (Session s : slot.sessions) {
            for (SessionItem si : s.items.values()) {
                if (!s.ended && !si.status.isFinal() && !request.hasItem(si.itemId)) {
                    request.expect(si.itemId);
                    request.subscribe(s, si, clock.instant());
                    book.started(request, si.itemId); // an attempt like any other (C43)
                }
            }
        }
    }

    private String refusal(HandlerSlot slot) {
        if (slot == null) {
            return "handler gone while the request was stored";
        }
        try {
            policies.refuseIfStopping();
            policies.refuseStart(slot);
            return null;
        } catch (SyncRefusedException e) {
            return e.getMessage();
        }
    }

    /** The slot a start call may queue on, or the reason it may not (C7, C26, C29, C30, C35, C41). */
    private HandlerSlot startable(String handlerId, int requests) {
        lock.assertHeld();
        policies.refuseIfStopping();
        HandlerSlot slot = registry.known(handlerId);
        policies.refuseStart(slot);
        book.refuseIfFull(requests);
        return slot;
    }

    /** Queues the entry on the slot, or, with no slot, ends the request's items CANCELED at once. */
    private void enqueue(HandlerSlot slot, Request request, QueueEntry work) {
        if (slot == null) {
            if (request.kind == RequestKind.HANDLER_SYNC) {
                request.resolveEmpty(ProgressStatus.CANCELED);
                book.itemsDecided(request);
            }
            for (String itemId : work.items().keySet()) {
                book.finish(request, itemId, ProgressStatus.CANCELED, 0, 0);
            }
            book.settle(request);
            return;
        }
        if (!work.isEmpty()) {
            slot.queue.addLast(work);
            dispatcher.markReady(slot);
        }
        if (reporter.listening()) {
            RequestSnapshot snapshot = Snapshots.request(request, slot);
            reporter.fire(l -> l.requestAccepted(snapshot));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Accepted {} with items {}", request, request.itemIds());
        }
        book.settle(request); // an item sync whose items all joined running sessions may be done already
        dispatcher.dispatch();
    }
}
