package dev.synccenter.impl.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.RequestKind;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResultListener;

/**
 * Turns an accepted start call into a request and a queue entry (C5 to C10): checks that the handler
 * and its items may start, subscribes to running sessions under IGNORE_IF_ALREADY_SYNCING, queues,
 * and dispatches.
 *
 * <p>Lock rule: every method runs with the engine lock held; the facade validated the arguments.
 */
final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final Policies policies;
    private final RequestBook book;
    private final Dispatcher dispatcher;
    private final Reporter reporter;
    private final Clock clock;

    Intake(EngineLock lock, HandlerRegistry registry, Policies policies, RequestBook book, Dispatcher dispatcher,
            Reporter reporter, Clock clock) {
        this.lock = lock;
        this.registry = registry;
        this.policies = policies;
        this.book = book;
        this.dispatcher = dispatcher;
        this.reporter = reporter;
        this.clock = clock;
    }

    /** C5, C10: start-item-sync. */
    Request itemSync(String handlerId, List<String> items, Object context, Set<SyncControlFlag> flags,
            SyncResultListener listener) {
        HandlerSlot slot = startable(handlerId);
        policies.checkStartItems(slot, items);
        Request request = book.accept(slot.id, RequestKind.ITEM_SYNC, flags, context, listener);
        QueueEntry work = new QueueEntry(request, false);
        boolean joinRunning = flags.contains(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING);
        for (String itemId : items) {
            request.expect(itemId);
            Session running = joinRunning ? slot.sessionSyncing(itemId) : null;
            if (running != null) {
                request.subscribe(running, running.items.get(itemId), clock.instant()); // C10
            } else {
                work.add(itemId, request);
            }
        }
        enqueue(slot, request, work);
        return request;
    }

    /** C8, C10: start-handler-sync; its items are decided when its session starts. */
    Request handlerSync(String handlerId, Object context, Set<SyncControlFlag> flags, SyncResultListener listener) {
        HandlerSlot slot = startable(handlerId);
        Request request = book.accept(slot.id, RequestKind.HANDLER_SYNC, flags, context, listener);
        if (flags.contains(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING)) {
            for (Session s : slot.sessions) {
                for (SessionItem si : s.items.values()) {
                    if (!s.ended && !si.status.isFinal() && !request.items.containsKey(si.itemId)) {
                        request.expect(si.itemId);
                        request.subscribe(s, si, clock.instant());
                    }
                }
            }
        }
        enqueue(slot, request, new QueueEntry(request, true));
        return request;
    }

    /** C8: a handler sync of every active, enabled handler whose policy allows it. */
    List<SyncRequest> syncAll() {
        policies.refuseIfStopping();
        List<HandlerSlot> targets = new ArrayList<>();
        for (HandlerSlot slot : registry.sorted()) {
            if (policies.allowsSyncAll(slot)) {
                targets.add(slot);
            }
        }
        book.refuseIfFull(targets.size()); // all or nothing
        List<SyncRequest> started = new ArrayList<>();
        for (HandlerSlot slot : targets) {
            Request request = book.accept(slot.id, RequestKind.HANDLER_SYNC, Set.of(), null, null);
            enqueue(slot, request, new QueueEntry(request, true));
            started.add(request);
        }
        return started;
    }

    /** The slot a start call may queue on, or the reason it may not (C7, C26, C29, C30, C35). */
    private HandlerSlot startable(String handlerId) {
        lock.assertHeld();
        policies.refuseIfStopping();
        HandlerSlot slot = registry.known(handlerId);
        policies.refuseStart(slot);
        book.refuseIfFull(1);
        return slot;
    }

    private void enqueue(HandlerSlot slot, Request request, QueueEntry work) {
        if (!work.isEmpty()) {
            slot.queue.addLast(work);
            dispatcher.markReady(slot);
        }
        if (reporter.listening()) {
            RequestSnapshot snapshot = Snapshots.request(request, slot);
            reporter.fire(l -> l.requestAccepted(snapshot));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Accepted {} with items {}", request, List.copyOf(request.items.keySet()));
        }
        dispatcher.dispatch();
    }
}
