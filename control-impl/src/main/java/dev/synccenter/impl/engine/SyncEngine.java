package dev.synccenter.impl.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemPolicy;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncResultListener;
import dev.synccenter.impl.events.EventStore;
import dev.synccenter.impl.guard.Guard;
import dev.synccenter.impl.metadata.HandlerMetadata;
import dev.synccenter.impl.metadata.ItemMetadata;
import dev.synccenter.impl.metadata.MetadataReader;
import dev.synccenter.impl.notify.DeliveryQueue;
import dev.synccenter.impl.notify.Notifier;
import dev.synccenter.impl.state.StateStore;
import dev.synccenter.impl.validate.Args;

/**
 * The sync engine: handler registry, per-handler queues, sessions, results (C3 to C35).
 *
 * <p>One lock guards all of its state. Nothing foreign runs under it: handler code runs on session
 * threads or through the {@link Guard}; results and notifications are handed to other threads
 * (enqueueing them under the lock keeps their order). Every path that ends an item ends it through
 * {@link #finishItem}, and a request completes, once, when its last item is final (C17).
 *
 * <p>The engine owns its threads: they are created here and stopped by {@link #close()}.
 */
public final class SyncEngine implements SyncControl {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    static final String UNAVAILABLE = "handler unavailable";
    static final String SHUTTING_DOWN = "platform shutting down";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Clock clock;
    private final StateStore states;
    private final EventStore events;
    private final Notifier notifier;
    private final Guard guard;
    private final ExecutorService sessionPool;
    private final ExecutorService callPool;
    /** Completes handles and calls result listeners, in order, containing callbacks that block (C19). */
    private final DeliveryQueue deliveries;
    private final ExecutorService deliveryPool;
    /** A delivery callback blocked longer than this is left on its own thread (C19). */
    static final long STUCK_DELIVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private final ExecutorService listenerPool;
    private final ScheduledExecutorService timers;
    private volatile EngineSettings settings;

    // ---- state guarded by lock
    private final Map<String, HandlerSlot> slots = new HashMap<>();
    private final Map<Long, Request> open = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Request> history = new LinkedHashMap<>();
    private final ArrayDeque<HandlerSlot> ready = new ArrayDeque<>();
    private final Map<Long, String> ignoredServices = new HashMap<>();
    private int liveSessions;
    /** While a session thread ends a session: that thread, and the next session it will run itself. */
    private Thread inlineTaker;
    private Session inlineNext;
    private long nextRequestId = 1;
    private long nextSessionId = 1;
    private boolean stopping;

    public SyncEngine(EngineSettings settings, StateStore states) {
        this(settings, states, Clock.systemUTC());
    }

    public SyncEngine(EngineSettings settings, StateStore states, Clock clock) {
        this.settings = settings;
        this.states = states;
        this.clock = clock;
        this.events = new EventStore(() -> this.settings.eventRetentionCount(),
                () -> this.settings.eventRetentionAge(), clock);
        this.sessionPool = Executors.newCachedThreadPool(threads("sync-session"));
        this.callPool = Executors.newCachedThreadPool(threads("sync-call"));
        this.deliveryPool = Executors.newCachedThreadPool(threads("sync-result"));
        this.deliveries = new DeliveryQueue(deliveryPool);
        this.listenerPool = Executors.newCachedThreadPool(threads("sync-listener"));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("sync-timer"));
        this.notifier = new Notifier(listenerPool);
        this.guard = new Guard(callPool, () -> this.settings.callTimeout());
        timers.scheduleWithFixedDelay(() -> deliveries.detachStuck(STUCK_DELIVERY_NANOS), 50, 50,
                TimeUnit.MILLISECONDS);
    }

    /** Applies new settings; they take effect where each is next used. */
    public void configure(EngineSettings newSettings) {
        this.settings = newSettings;
        lock.lock();
        try {
            pump();
        } finally {
            lock.unlock();
        }
    }

    public EngineSettings settings() {
        return settings;
    }

    // =====================================================================================
    // Registry (C3, C4, C24, C25, C26, C27)
    // =====================================================================================

    /** A handler service appeared. Never throws and returns fast (C4). */
    public void handlerAdded(HandlerRef ref) {
        String problem = Args.idProblem(ref.handlerId());
        if (problem != null) {
            LOG.warn("Ignoring handler {}: its {} property {} (C4)", ref, dev.synccenter.handler.SyncHandler.HANDLER_ID,
                    problem);
            lock.lock();
            try {
                ignoredServices.put(ref.serviceId(), ref.handlerId());
            } finally {
                lock.unlock();
            }
            return;
        }
        List<Runnable> loads = new ArrayList<>();
        String duplicate = null;
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            HandlerSlot slot = slots.computeIfAbsent(ref.handlerId(), HandlerSlot::new);
            slot.services.add(ref);
            if (slot.services.size() > 1) {
                duplicate = describeDuplicates(slot);
            }
            reselect(slot, loads);
        } finally {
            lock.unlock();
        }
        if (duplicate != null) {
            LOG.warn(duplicate);
        }
        loads.forEach(this::runAsync);
    }

    /** A handler service's properties changed (C24). */
    public void handlerModified(HandlerRef ref) {
        HandlerRef old = null;
        lock.lock();
        try {
            for (HandlerSlot slot : slots.values()) {
                for (HandlerRef r : slot.services) {
                    if (r.serviceId() == ref.serviceId()) {
                        old = r;
                    }
                }
            }
            if (old == null && ignoredServices.containsKey(ref.serviceId())) {
                ignoredServices.remove(ref.serviceId());
            }
        } finally {
            lock.unlock();
        }
        if (old != null && old.handlerId().equals(ref.handlerId())) {
            // Same ID, new ranking: re-sort without treating the service as gone.
            List<Runnable> loads = new ArrayList<>();
            lock.lock();
            try {
                HandlerSlot slot = slots.get(ref.handlerId());
                slot.services.remove(old);
                slot.services.add(ref);
                replaceRef(slot, old, ref);
                reselect(slot, loads);
            } finally {
                lock.unlock();
            }
            loads.forEach(this::runAsync);
            return;
        }
        if (old != null) {
            handlerRemoved(old);
        }
        handlerAdded(ref);
    }

    /** A handler service went away: a standby serves (C25), or its requests are parked (C26). */
    public void handlerRemoved(HandlerRef ref) {
        List<Runnable> loads = new ArrayList<>();
        lock.lock();
        try {
            if (ignoredServices.remove(ref.serviceId()) != null) {
                return;
            }
            HandlerSlot slot = slots.get(ref.handlerId());
            if (slot == null || !slot.services.removeIf(r -> r.serviceId() == ref.serviceId())) {
                return;
            }
            for (Session s : List.copyOf(slot.sessions)) {
                if (s.ref.serviceId() == ref.serviceId() && !s.ended) {
                    s.handlerGone = true; // C27: unfinished items run again on the next service
                    requestCancelAll(s, "the handler's service went away");
                }
            }
            reselect(slot, loads);
        } finally {
            lock.unlock();
        }
        loads.forEach(this::runAsync);
    }

    /** The same service with new properties: the slot's references to it are replaced. */
    private void replaceRef(HandlerSlot slot, HandlerRef old, HandlerRef ref) {
        if (slot.serving != null && slot.serving.serviceId() == old.serviceId()) {
            slot.serving = ref;
        }
        if (slot.metadataFrom != null && slot.metadataFrom.serviceId() == old.serviceId()) {
            slot.metadataFrom = ref;
        }
    }

    /** Makes the first service serve; starts reading its metadata or parks the slot. Under lock. */
    private void reselect(HandlerSlot slot, List<Runnable> loads) {
        HandlerRef next = slot.services.isEmpty() ? null : slot.services.first();
        if (next == slot.serving || next != null && slot.serving != null
                && next.serviceId() == slot.serving.serviceId()) {
            slot.serving = next;
            return;
        }
        slot.serving = next;
        slot.metadataCurrent = false;
        if (next == null) {
            park(slot);
            return;
        }
        if (slot.parkTimer != null) {
            slot.parkTimer.cancel(false);
            slot.parkTimer = null;
        }
        slot.parkExpired = false;
        slot.lastBundle = next.bundle();
        LOG.debug("Handler {} is now served by {}", slot.id, next);
        long generation = ++slot.loadsStarted;
        loads.add(() -> loadMetadata(slot, next, generation));
    }

    private void park(HandlerSlot slot) {
        Duration timeout = settings.parkTimeout();
        LOG.info("Handler {} has no service; its requests are parked for {} (C26)", slot.id, timeout);
        slot.parkExpired = false;
        slot.parkTimer = schedule(() -> parkExpired(slot), timeout);
        fire(l -> l.handlerChanged(slot.id, HandlerChange.PARKED));
        signal();
    }

    private void parkExpired(HandlerSlot slot) {
        lock.lock();
        try {
            if (slots.get(slot.id) != slot || !slot.parked() || slot.parkExpired) {
                return;
            }
            slot.parkExpired = true;
            slot.parkTimer = null;
            LOG.warn("Handler {} did not come back within the park timeout; its requests fail (C26)", slot.id);
            failQueued(slot, UNAVAILABLE);
            dropIfIdle(slot);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a slot that has no service, nothing queued and nothing running. Under lock. */
    private void dropIfIdle(HandlerSlot slot) {
        if (slot.parked() && slot.parkExpired && slot.queue.isEmpty() && slot.sessions.isEmpty()
                && slots.get(slot.id) == slot) {
            slots.remove(slot.id);
            fire(l -> l.handlerChanged(slot.id, HandlerChange.REMOVED));
        }
    }

    private String describeDuplicates(HandlerSlot slot) {
        StringBuilder all = new StringBuilder();
        for (HandlerRef r : slot.services) {
            all.append(all.length() == 0 ? "" : ", ").append(r);
        }
        String key = all.toString();
        if (key.equals(slot.duplicateWarned)) {
            return null;
        }
        slot.duplicateWarned = key;
        return "Handler ID '" + slot.id + "' is declared by several services: " + key + "; "
                + slot.services.first() + " serves, the others stand by (C3)";
    }

    // =====================================================================================
    // Metadata (C31, C32)
    // =====================================================================================

    /** Reads metadata through the guard and publishes it if the service still serves. Not under lock. */
    private void loadMetadata(HandlerSlot slot, HandlerRef ref, long generation) {
        Guard.Outcome<HandlerMetadata> read = guard.call(slot.id + " metadata",
                () -> MetadataReader.read(slot.id, ref.handler()));
        HandlerMetadata metadata = read.ok() ? read.value()
                : HandlerMetadata.unreadable("reading the metadata " + read.problem());
        if (!read.ok()) {
            LOG.warn("Handler {}: reading its metadata {}; it is not listed and not synced (C32)", slot.id,
                    read.problem());
        }
        List<SyncConflict> conflicts = metadata.capabilities().contains(HandlerCapability.CONFLICT_STORE)
                ? readConflicts(slot.id, ref) : null;
        lock.lock();
        try {
            if (slots.get(slot.id) != slot || slot.serving == null
                    || slot.serving.serviceId() != ref.serviceId() || generation <= slot.loadPublished) {
                return; // a newer load or another service took over
            }
            slot.loadPublished = generation;
            boolean first = !slot.metadataCurrent || slot.metadata == null;
            boolean wasListed = slot.metadata != null && slot.metadata.listed();
            boolean same = metadata.equals(slot.metadata);
            slot.metadata = metadata;
            slot.metadataFrom = ref;
            slot.metadataCurrent = true;
            if (conflicts != null) {
                slot.conflicts = conflicts;
            }
            if (metadata.listed() && (!active(slot) || !enabled(slot))) {
                // A handler that keeps its own state said it is inactive or disabled (C29, C30).
                cancelHandler(slot, !active(slot) ? "handler deactivated" : "handler disabled");
            }
            if (!metadata.listed()) {
                failQueued(slot, "handler not listed: " + metadata.problem());
                if (wasListed) {
                    fire(l -> l.handlerChanged(slot.id, HandlerChange.REMOVED));
                }
            } else if (first) {
                fire(l -> l.handlerChanged(slot.id, HandlerChange.ADDED));
            } else if (!same) {
                fire(l -> l.handlerChanged(slot.id, HandlerChange.CHANGED));
            }
            markReady(slot);
            pump();
            signal();
        } finally {
            lock.unlock();
        }
    }

    private List<SyncConflict> readConflicts(String handlerId, HandlerRef ref) {
        Guard.Outcome<List<SyncConflict>> read = guard.call(handlerId + " conflicts", () -> {
            List<SyncConflict> out = new ArrayList<>();
            for (SyncConflict c : ref.handler().conflicts()) {
                if (c != null) {
                    out.add(new SyncConflict(c.id(), handlerId, c.itemId(), c.name(), c.description()));
                }
            }
            return out;
        });
        if (!read.ok()) {
            LOG.warn("Handler {}: reading its conflicts {}", handlerId, read.problem());
        }
        return read.orElse(null);
    }

    /** Starts a metadata read of every serving handler, or of one; waits for them with WAIT. */
    private void reload(Collection<HandlerSlot> targets, Set<ControlFlag> flags) {
        List<Runnable> loads = new ArrayList<>();
        lock.lock();
        try {
            for (HandlerSlot slot : targets) {
                if (slot.serving != null) {
                    HandlerRef ref = slot.serving;
                    long generation = ++slot.loadsStarted;
                    loads.add(() -> loadMetadata(slot, ref, generation));
                }
            }
        } finally {
            lock.unlock();
        }
        if (flags.contains(ControlFlag.WAIT)) {
            loads.forEach(Runnable::run); // the guard runs the handler code on a platform thread
        } else {
            loads.forEach(this::runAsync);
        }
    }

    // =====================================================================================
    // Starting (C5 to C11)
    // =====================================================================================

    @Override
    public SyncRequest startItemSync(String handlerId, List<String> itemIds, Object context,
            Set<SyncControlFlag> flags, SyncResultListener listener) {
        Args.id("handlerId", handlerId);
        List<String> items = Args.itemIds("itemIds", itemIds);
        Set<SyncControlFlag> checkedFlags = Args.flags("flags", flags);
        lock.lock();
        try {
            HandlerSlot slot = startable(handlerId);
            if (slot.metadataCurrent) {
                for (int i = 0; i < items.size(); i++) {
                    ItemMetadata item = slot.metadata.items().get(items.get(i));
                    if (item == null) {
                        throw new SyncArgumentException("itemIds[" + i + "]",
                                "handler '" + handlerId + "' has no item '" + items.get(i) + "'");
                    }
                    if (item.prevents(ItemPolicy.PREVENT_START_SYNC, ItemPolicy.DISABLE_START_SYNC)) {
                        throw new SyncRefusedException(Reason.POLICY, "item '" + item.id() + "' of handler '"
                                + handlerId + "' does not allow starting a sync (policy, C7)");
                    }
                }
            }
            Request request = newRequest(slot, RequestKind.ITEM_SYNC, checkedFlags, context, listener);
            Work work = new Work(request, false);
            for (String itemId : items) {
                request.expect(itemId);
                if (!checkedFlags.contains(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING) || !joinRunning(slot, request, itemId)) {
                    work.add(itemId, request);
                }
            }
            enqueue(slot, request, work);
            return request;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SyncRequest startHandlerSync(String handlerId, Object context, Set<SyncControlFlag> flags,
            SyncResultListener listener) {
        Args.id("handlerId", handlerId);
        Set<SyncControlFlag> checkedFlags = Args.flags("flags", flags);
        lock.lock();
        try {
            HandlerSlot slot = startable(handlerId);
            Request request = newRequest(slot, RequestKind.HANDLER_SYNC, checkedFlags, context, listener);
            Work work = new Work(request, true);
            if (checkedFlags.contains(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING)) {
                for (Session s : slot.sessions) {
                    for (SessionItem si : s.items.values()) {
                        if (!s.ended && !si.status.isFinal() && !request.items.containsKey(si.itemId)) {
                            request.expect(si.itemId);
                            subscribe(request, s, si);
                        }
                    }
                }
            }
            enqueue(slot, request, work);
            return request;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SyncRequest> startSyncAll() {
        List<SyncRequest> started = new ArrayList<>();
        lock.lock();
        try {
            refuseIfStopping();
            for (HandlerSlot slot : new TreeMap<>(slots).values()) {
                if (slot.parked() || !slot.metadataCurrent || !slot.metadata.listed() || !active(slot)
                        || !enabled(slot) || slot.metadata.prevents(HandlerPolicy.PREVENT_START_SYNC,
                                HandlerPolicy.DISABLE_START_SYNC)) {
                    continue;
                }
                Request request = newRequest(slot, RequestKind.HANDLER_SYNC, Set.of(), null, null);
                enqueue(slot, request, new Work(request, true));
                started.add(request);
            }
        } finally {
            lock.unlock();
        }
        return started;
    }

    /** The slot a start call may queue on, or the reason it may not (C7, C26, C29, C30). Under lock. */
    private HandlerSlot startable(String handlerId) {
        refuseIfStopping();
        HandlerSlot slot = known(handlerId);
        if (slot.metadataCurrent && !slot.metadata.listed()) {
            throw new SyncRefusedException(Reason.HANDLER_UNAVAILABLE, "handler '" + handlerId
                    + "' is not listed: " + slot.metadata.problem() + " (C32)");
        }
        if (!active(slot)) {
            throw new SyncRefusedException(Reason.HANDLER_INACTIVE, "handler '" + handlerId + "' is inactive (C30)");
        }
        if (!enabled(slot)) {
            throw new SyncRefusedException(Reason.HANDLER_DISABLED, "handler '" + handlerId + "' is disabled (C29)");
        }
        if (slot.metadata != null && slot.metadata.prevents(HandlerPolicy.PREVENT_START_SYNC,
                HandlerPolicy.DISABLE_START_SYNC)) {
            throw new SyncRefusedException(Reason.POLICY,
                    "handler '" + handlerId + "' does not allow starting a sync (policy, C7)");
        }
        return slot;
    }

    /** A registered or parked handler's slot, or an argument error. Under lock. */
    private HandlerSlot known(String handlerId) {
        HandlerSlot slot = slots.get(handlerId);
        if (slot == null || slot.parked() && slot.parkExpired) {
            throw new SyncArgumentException("handlerId", "no handler '" + handlerId + "' is registered or parked");
        }
        return slot;
    }

    private void refuseIfStopping() {
        if (stopping) {
            throw new SyncRefusedException(Reason.SHUTTING_DOWN, "the sync engine is stopping (C35)");
        }
    }

    private Request newRequest(HandlerSlot slot, RequestKind kind, Set<SyncControlFlag> flags, Object context,
            SyncResultListener listener) {
        Request request = new Request(nextRequestId++, slot.id, kind, flags, context, listener, clock.instant());
        open.put(request.id, request);
        return request;
    }

    /** C10: subscribes the request to the item in a running session, if one has it unfinished. */
    private boolean joinRunning(HandlerSlot slot, Request request, String itemId) {
        for (Session s : slot.sessions) {
            SessionItem si = s.items.get(itemId);
            if (si != null && !s.ended && !si.status.isFinal()) {
                subscribe(request, s, si);
                return true;
            }
        }
        return false;
    }

    private void subscribe(Request request, Session session, SessionItem item) {
        item.subscribers.add(request);
        request.running(item.itemId, item);
        if (request.startedAt == null) {
            request.startedAt = clock.instant();
        }
    }

    private void enqueue(HandlerSlot slot, Request request, Work work) {
        if (!work.isEmpty()) {
            slot.queue.addLast(work);
            markReady(slot);
        }
        if (!notifier.isEmpty()) {
            RequestSnapshot snapshot = Snapshots.request(request, slot);
            fire(l -> l.requestAccepted(snapshot));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Accepted {} with items {}", request, List.copyOf(request.items.keySet()));
        }
        pump();
    }

    // =====================================================================================
    // Dispatch (C9, C12)
    // =====================================================================================

    private void markReady(HandlerSlot slot) {
        if (!slot.inReady && !slot.queue.isEmpty()) {
            slot.inReady = true;
            ready.addLast(slot);
        }
    }

    private boolean dispatchable(HandlerSlot slot) {
        if (slot.parked() || !slot.metadataCurrent || !slot.metadata.listed() || slot.queue.isEmpty()
                || !active(slot) || !enabled(slot)) {
            return false;
        }
        int limit = slot.metadata.capabilities().contains(HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS)
                ? Math.max(1, settings.concurrentSessions()) : 1;
        return slot.sessions.size() < limit;
    }

    /** Starts sessions while the pool has room, taking handlers round-robin. Under lock. */
    private void pump() {
        if (stopping) {
            return;
        }
        // Ends: each turn takes a slot off the ready queue for good or takes a work off a slot's queue.
        // A slot dropped here because it is busy is marked ready again when one of its sessions ends.
        while (liveSessions < Math.max(1, settings.poolSize()) && !ready.isEmpty()) {
            HandlerSlot slot = ready.pollFirst();
            slot.inReady = false;
            if (dispatchable(slot)) {
                startSession(slot, slot.queue.pollFirst());
                markReady(slot); // back at the tail: handlers take turns
            }
        }
    }

    /** Decides a work's items (C8, C11) and starts its session if any item is left. Under lock. */
    private void startSession(HandlerSlot slot, Work work) {
        HandlerMetadata md = slot.metadata;
        if (work.allItems) {
            Request r = work.primary;
            for (ItemMetadata item : md.items().values()) {
                if (r.items.containsKey(item.id())) {
                    continue; // already taken from a running session (C10)
                }
                if (work.isExcluded(item.id())) {
                    r.expect(item.id());
                    finishItem(r, item.id(), ProgressStatus.CANCELED, 0, 0);
                } else if (itemEnabled(slot, item)
                        && !item.prevents(ItemPolicy.PREVENT_START_SYNC, ItemPolicy.DISABLE_START_SYNC)) {
                    r.expect(item.id());
                    work.add(item.id(), r);
                }
            }
            r.resolved = true;
        }
        long sessionId = nextSessionId++;
        List<String> toSync = new ArrayList<>();
        Set<Request> touched = new LinkedHashSet<>();
        for (Map.Entry<String, List<Request>> e : work.items.entrySet()) {
            String itemId = e.getKey();
            ItemMetadata item = md.items().get(itemId);
            ProgressStatus outcome = null;
            int errors = 0;
            if (item == null) {
                outcome = ProgressStatus.FAILED; // C11
                for (Request r : e.getValue()) {
                    event(slot.id, itemId, EventLevel.ERROR, "Unknown item",
                            "Handler '" + slot.id + "' has no item '" + itemId + "' (C11)", r.id, sessionId);
                }
                errors = 1;
            } else if (!itemEnabled(slot, item)) {
                outcome = ProgressStatus.SKIPPED;
            } else if (!md.connected() || !item.connected()) {
                outcome = ProgressStatus.DISCONNECTED;
            } else {
                toSync.add(itemId);
            }
            if (outcome != null) {
                for (Request r : e.getValue()) {
                    finishItem(r, itemId, outcome, errors, 0);
                    touched.add(r);
                }
            }
        }
        touched.add(work.primary);
        if (toSync.isEmpty()) {
            touched.forEach(this::completeIfDone);
            return;
        }
        Session session = new Session(sessionId, slot, slot.serving, work.primary, toSync);
        session.conflictStore = md.capabilities().contains(HandlerCapability.CONFLICT_STORE);
        for (String itemId : toSync) {
            SessionItem si = new SessionItem(itemId);
            session.items.put(itemId, si);
            for (Request r : work.items.get(itemId)) {
                subscribe(r, session, si);
            }
        }
        touched.forEach(this::completeIfDone);
        slot.sessions.add(session);
        liveSessions++;
        Duration timeout = settings.sessionTimeout();
        if (!timeout.isZero() && !timeout.isNegative()) {
            session.timeoutTimer = schedule(() -> sessionTimedOut(session), timeout);
        }
        if (!notifier.isEmpty()) {
            for (Request r : subscribersOf(session)) {
                RequestSnapshot snapshot = Snapshots.request(r, slot);
                fire(l -> l.requestStarted(snapshot));
            }
        }
        if (inlineTaker == Thread.currentThread() && inlineNext == null) {
            inlineNext = session; // the session thread that just ended one runs this one: no hand-off
            return;
        }
        try {
            sessionPool.execute(() -> runSession(session));
        } catch (RejectedExecutionException e) {
            LOG.error("Cannot start {}: the session pool refused it", session, e);
            endSession(session, Outcome.ABANDONED, e, null);
        }
    }

    private enum Outcome { RETURNED, THREW, ABANDONED }

    /**
     * Runs on a session thread: calls the handler outside every lock (C12, C15). When ending a
     * session makes room for the next one, this thread runs it too, rather than waking another.
     */
    private void runSession(Session first) {
        Session session = first;
        while (session != null) {
            Throwable failure = callSynchronize(session);
            List<SyncConflict> conflicts = null;
            if (!session.ended && session.conflictStore) {
                conflicts = readConflicts(session.slot.id, session.ref);
            }
            Session next;
            lock.lock();
            try {
                if (!session.ended) {
                    if (failure != null) {
                        LOG.error("Handler {} threw from synchronize in {} (request {})", session.slot.id, session,
                                session.primary.id, failure);
                    }
                    inlineTaker = Thread.currentThread();
                    try {
                        endSession(session, failure == null ? Outcome.RETURNED : Outcome.THREW, failure, conflicts);
                    } finally {
                        inlineTaker = null;
                    }
                }
                next = inlineNext;
                inlineNext = null;
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // an abandon may have interrupted this thread; the next session must not see it
            session = next;
        }
    }

    /** Calls the handler's synchronize, on this thread, named after the session while it runs. */
    private Throwable callSynchronize(Session session) {
        Thread self = Thread.currentThread();
        String name = self.getName();
        self.setName("sync-session " + session.slot.id + " #" + session.id);
        session.thread = self;
        try {
            if (!session.ended) {
                session.ref.handler().synchronize(session.initialItems, new SessionCallback(this, session),
                        session.primary.context, session.primary.id);
            }
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            session.thread = null;
            self.setName(name);
        }
    }

    /** Gives every item of an ending session its outcome and frees its place (C15, C22, C27). Under lock. */
    private void endSession(Session session, Outcome outcome, Throwable failure, List<SyncConflict> conflicts) {
        session.ended = true;
        cancelTimer(session.graceTimer);
        cancelTimer(session.timeoutTimer);
        HandlerSlot slot = session.slot;
        slot.sessions.remove(session);
        liveSessions--;
        if (conflicts != null) {
            slot.conflicts = conflicts;
        }
        Instant now = clock.instant();
        Work rerun = session.handlerGone && !stopping ? new Work(session.primary, false) : null;
        Set<Request> touched = new LinkedHashSet<>();
        int unfinished = 0;
        for (SessionItem si : session.items.values()) {
            touched.addAll(si.subscribers);
            if (!si.status.isFinal()) {
                unfinished++;
                if (rerun != null) {
                    for (Request r : si.subscribers) {
                        r.notRunning(si.itemId);
                        rerun.add(si.itemId, r);
                    }
                    continue;
                }
                switch (outcome) {
                    case RETURNED -> si.status = si.cancelRequested || session.cancelAll
                            ? ProgressStatus.CANCELED : ProgressStatus.SUCCEEDED;
                    case THREW -> {
                        si.status = ProgressStatus.FAILED;
                        si.failReason = "synchronize threw " + failure;
                        event(slot.id, si.itemId, EventLevel.ERROR, "Sync failed", si.failReason,
                                session.primary.id, session); // C15: the exception becomes an error event
                    }
                    case ABANDONED -> si.status = ProgressStatus.CANCELED;
                }
            }
            if (si.status == ProgressStatus.FAILED && si.errors == 0) {
                String why = si.failReason != null ? si.failReason : "The handler reported the item as failed.";
                event(slot.id, si.itemId, EventLevel.ERROR, "Sync failed", why, session.primary.id, session);
            }
            if (si.status == ProgressStatus.SUCCEEDED) {
                slot.itemLastSync.put(si.itemId, now);
                slot.lastSyncTime = now;
            }
            int itemConflicts = countConflicts(slot, si.itemId);
            dev.synccenter.control.ItemProgress last = si.progress();
            for (Request r : si.subscribers) {
                if (finishItem(r, si.itemId, si.status, si.errors, itemConflicts)) {
                    r.lastProgress(si.itemId, last);
                }
            }
        }
        if (outcome == Outcome.THREW && unfinished == 0) {
            event(slot.id, null, EventLevel.ERROR, "Sync failed", "synchronize threw " + failure,
                    session.primary.id, session);
        }
        if (outcome == Outcome.ABANDONED) {
            event(slot.id, null, EventLevel.WARNING, "Session abandoned", "Handler '" + slot.id
                    + "' did not return within the cancel grace of " + settings.cancelGrace() + " after "
                    + (session.cancelReason == null ? "a cancel" : session.cancelReason) + " (C22)",
                    session.primary.id, session);
        }
        for (Request r : touched) {
            r.errors += session.sessionErrors;
        }
        if (rerun != null && !rerun.items.isEmpty()) {
            requeueFirst(slot, rerun);
        }
        touched.forEach(this::completeIfDone);
        markReady(slot);
        pump();
        if (slot.parked() && slot.parkExpired) {
            failQueued(slot, UNAVAILABLE);
            dropIfIdle(slot);
        }
        signal();
    }

    /** C27: the unfinished items of a session whose service went away go first in line. Under lock. */
    private void requeueFirst(HandlerSlot slot, Work rerun) {
        LOG.info("Handler {}: {} unfinished item(s) of request {} will sync again on the next service (C27)",
                slot.id, rerun.items.size(), rerun.primary.id);
        slot.queue.addFirst(rerun);
        markReady(slot);
    }

    private int countConflicts(HandlerSlot slot, String itemId) {
        int n = 0;
        for (SyncConflict c : slot.conflicts) {
            if (itemId.equals(c.itemId())) {
                n++;
            }
        }
        return n;
    }

    private static Set<Request> subscribersOf(Session session) {
        Set<Request> all = new LinkedHashSet<>();
        for (SessionItem si : session.items.values()) {
            all.addAll(si.subscribers);
        }
        return all;
    }

    // =====================================================================================
    // Results (C17, C18)
    // =====================================================================================

    private boolean finishItem(Request r, String itemId, ProgressStatus status, int errors, int conflicts) {
        return r.finish(itemId, status, errors, conflicts);
    }

    /** Delivers the request's result if its last item is final: once, never under the caller's thread. */
    private void completeIfDone(Request r) {
        if (!r.readyToComplete()) {
            return;
        }
        SyncResult result = r.buildResult();
        r.result = result;
        open.remove(r.id);
        history.put(r.id, r);
        int max = Math.max(0, settings.requestHistory());
        Iterator<Long> oldest = history.keySet().iterator();
        while (history.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        LOG.debug("{} finished: {}", r, result);
        fire(l -> l.requestFinished(result));
        // Two separate callbacks, so that a blocking dependent stage of the handle cannot hold up the
        // listener, nor a blocking listener the handle; the queue contains either (C19).
        deliveries.submit(() -> r.future.complete(result));
        if (r.listener != null) {
            deliveries.submit(() -> {
                try {
                    r.listener.result(result);
                } catch (Throwable t) {
                    LOG.warn("Result listener of request {} threw (C19)", r.id, t);
                }
            });
        }
        changed.signalAll();
    }

    // =====================================================================================
    // Stopping (C20 to C23) and cancellation
    // =====================================================================================

    @Override
    public void stopItemSync(String handlerId, List<String> itemIds) {
        Args.id("handlerId", handlerId);
        List<String> items = Args.itemIds("itemIds", itemIds);
        lock.lock();
        try {
            HandlerSlot slot = known(handlerId);
            refuseStopPolicy(slot);
            checkItems(slot, items, ItemPolicy.PREVENT_STOP_SYNC, ItemPolicy.DISABLE_STOP_SYNC, "stopping a sync");
            cancelItems(slot, Set.copyOf(items), "stopped by stopItemSync");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stopHandlerSync(String handlerId) {
        Args.id("handlerId", handlerId);
        lock.lock();
        try {
            HandlerSlot slot = known(handlerId);
            refuseStopPolicy(slot);
            cancelHandler(slot, "stopped by stopHandlerSync");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stopSyncAll() {
        lock.lock();
        try {
            for (HandlerSlot slot : List.copyOf(slots.values())) {
                if (slot.metadata == null || !slot.metadata.prevents(HandlerPolicy.PREVENT_STOP_SYNC,
                        HandlerPolicy.DISABLE_STOP_SYNC)) {
                    cancelHandler(slot, "stopped by stopSyncAll");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void refuseStopPolicy(HandlerSlot slot) {
        if (slot.metadata != null && slot.metadata.prevents(HandlerPolicy.PREVENT_STOP_SYNC,
                HandlerPolicy.DISABLE_STOP_SYNC)) {
            throw new SyncRefusedException(Reason.POLICY,
                    "handler '" + slot.id + "' does not allow stopping a sync (policy, C23)");
        }
    }

    /** Checks items against the current metadata: known, and allowed by the given policies. Under lock. */
    private void checkItems(HandlerSlot slot, List<String> items, ItemPolicy prevent, ItemPolicy disable,
            String what) {
        if (!slot.metadataCurrent) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            ItemMetadata item = slot.metadata.items().get(items.get(i));
            if (item == null) {
                throw new SyncArgumentException("itemIds[" + i + "]",
                        "handler '" + slot.id + "' has no item '" + items.get(i) + "'");
            }
            if (item.prevents(prevent, disable)) {
                throw new SyncRefusedException(Reason.POLICY, "item '" + item.id() + "' of handler '" + slot.id
                        + "' does not allow " + what + " (policy, C23)");
            }
        }
    }

    /** C20: takes items out of queued requests (CANCELED) and asks running sessions to cancel them. */
    private void cancelItems(HandlerSlot slot, Set<String> items, String reason) {
        Set<Request> touched = new LinkedHashSet<>();
        for (Iterator<Work> it = slot.queue.iterator(); it.hasNext();) {
            Work work = it.next();
            for (String itemId : items) {
                List<Request> subscribers = work.items.remove(itemId);
                if (subscribers != null) {
                    for (Request r : subscribers) {
                        finishItem(r, itemId, ProgressStatus.CANCELED, 0, 0);
                        touched.add(r);
                    }
                }
                if (work.allItems) {
                    work.exclude(itemId);
                }
            }
            if (work.isEmpty()) {
                it.remove();
            }
        }
        for (Session s : List.copyOf(slot.sessions)) {
            boolean all = true;
            for (SessionItem si : s.items.values()) {
                if (items.contains(si.itemId) && !si.status.isFinal()) {
                    si.cancelRequested = true;
                }
                all &= si.cancelRequested || si.status.isFinal();
            }
            if (all) {
                requestCancelAll(s, reason); // nothing left to do in it: the cancel deadline applies (C22)
            }
        }
        touched.forEach(this::completeIfDone);
        signal();
    }

    /** C21: completes the handler's queued requests CANCELED and asks its sessions to cancel all. */
    private void cancelHandler(HandlerSlot slot, String reason) {
        dropQueued(slot, ProgressStatus.CANCELED, reason, false);
        for (Session s : List.copyOf(slot.sessions)) {
            requestCancelAll(s, reason);
        }
        signal();
    }

    /** Fails every queued request of a slot with an error event per item (C26, C32). Under lock. */
    private void failQueued(HandlerSlot slot, String reason) {
        dropQueued(slot, ProgressStatus.FAILED, reason, true);
    }

    private void dropQueued(HandlerSlot slot, ProgressStatus status, String reason, boolean withEvents) {
        Set<Request> touched = new LinkedHashSet<>();
        for (Work work : slot.queue) {
            if (work.allItems && !work.primary.resolved) {
                Request r = work.primary;
                r.resolved = true;
                r.emptyStatus = status;
                if (withEvents) {
                    event(slot.id, null, EventLevel.ERROR, "Sync failed", capitalize(reason), r.id, 0);
                    r.errors++;
                }
            }
            for (Map.Entry<String, List<Request>> e : work.items.entrySet()) {
                for (Request r : e.getValue()) {
                    int errors = 0;
                    if (withEvents) {
                        event(slot.id, e.getKey(), EventLevel.ERROR, "Sync failed", capitalize(reason), r.id, 0);
                        errors = 1;
                    }
                    finishItem(r, e.getKey(), status, errors, 0);
                    touched.add(r);
                }
            }
            touched.add(work.primary);
        }
        slot.queue.clear();
        for (Request r : touched) {
            if (r.reason == null) {
                r.reason = reason;
            }
            completeIfDone(r);
        }
    }

    /** Asks a session to cancel everything and abandons it if it has not returned within the grace (C22). */
    void requestCancelAll(Session session, String reason) {
        if (session.ended) {
            return;
        }
        session.cancelAll = true;
        if (session.cancelReason == null) {
            session.cancelReason = reason;
        }
        if (session.graceTimer == null) {
            session.graceTimer = schedule(() -> abandon(session), settings.cancelGrace());
        }
    }

    private void sessionTimedOut(Session session) {
        lock.lock();
        try {
            if (!session.ended) {
                LOG.warn("{} ran past the session timeout of {}; cancelling it (C22)", session,
                        settings.sessionTimeout());
                requestCancelAll(session, "the session timeout of " + settings.sessionTimeout());
            }
        } finally {
            lock.unlock();
        }
    }

    private void abandon(Session session) {
        lock.lock();
        try {
            if (session.ended) {
                return;
            }
            LOG.warn("Handler {} did not return within the cancel grace of {}; abandoning {} (C22)",
                    session.slot.id, settings.cancelGrace(), session);
            Thread thread = session.thread;
            endSession(session, Outcome.ABANDONED, null, null);
            if (thread != null) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    // =====================================================================================
    // Enabling and activating (C29, C30)
    // =====================================================================================

    @Override
    public void enableHandler(boolean enable, String handlerId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        HandlerRef ref;
        lock.lock();
        try {
            HandlerSlot slot = known(handlerId);
            if (slot.metadata != null && (enable
                    ? slot.metadata.prevents(HandlerPolicy.PREVENT_ENABLE, HandlerPolicy.DISABLE_ENABLE)
                    : slot.metadata.prevents(HandlerPolicy.PREVENT_DISABLE, HandlerPolicy.DISABLE_DISABLE))) {
                throw new SyncRefusedException(Reason.POLICY, "handler '" + handlerId + "' does not allow "
                        + (enable ? "enabling" : "disabling") + " (policy, C29)");
            }
            states.setHandlerEnabled(handlerId, enable);
            if (!enable) {
                cancelHandler(slot, "handler disabled");
            }
            fire(l -> l.handlerChanged(handlerId, HandlerChange.CHANGED));
            ref = slot.serving;
        } finally {
            lock.unlock();
        }
        states.flush();
        callHandler(handlerId, ref, checkedFlags, (enable ? "enable" : "disable"),
                () -> ref.handler().enable(enable));
    }

    @Override
    public void activateHandler(boolean activate, String handlerId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        HandlerRef ref;
        lock.lock();
        try {
            HandlerSlot slot = known(handlerId);
            if (slot.metadata != null && slot.metadata.prevents(activate ? HandlerPolicy.PREVENT_ACTIVATE
                    : HandlerPolicy.PREVENT_DEACTIVATE)) {
                throw new SyncRefusedException(Reason.POLICY, "handler '" + handlerId + "' does not allow "
                        + (activate ? "activation" : "deactivation") + " (policy, C30)");
            }
            states.setHandlerActive(handlerId, activate);
            if (!activate) {
                cancelHandler(slot, "handler deactivated");
            }
            fire(l -> l.handlerChanged(handlerId, HandlerChange.CHANGED));
            ref = slot.serving;
        } finally {
            lock.unlock();
        }
        states.flush();
        callHandler(handlerId, ref, checkedFlags, (activate ? "activate" : "deactivate"),
                () -> ref.handler().activate(activate));
    }

    @Override
    public void enableItem(boolean enable, String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.id("itemId", itemId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        ItemMetadata item = null;
        HandlerRef ref;
        lock.lock();
        try {
            HandlerSlot slot = known(handlerId);
            if (slot.metadataCurrent) {
                item = slot.metadata.items().get(itemId);
                if (item == null) {
                    throw new SyncArgumentException("itemId", "handler '" + handlerId + "' has no item '" + itemId + "'");
                }
                if (enable ? item.prevents(ItemPolicy.PREVENT_ENABLE, ItemPolicy.DISABLE_ENABLE)
                        : item.prevents(ItemPolicy.PREVENT_DISABLE, ItemPolicy.DISABLE_DISABLE)) {
                    throw new SyncRefusedException(Reason.POLICY, "item '" + itemId + "' of handler '" + handlerId
                            + "' does not allow " + (enable ? "enabling" : "disabling") + " (policy, C29)");
                }
            }
            states.setItemEnabled(handlerId, itemId, enable);
            if (!enable) {
                cancelItems(slot, Set.of(itemId), "item disabled");
            }
            fire(l -> l.handlerChanged(handlerId, HandlerChange.CHANGED));
            ref = slot.serving;
        } finally {
            lock.unlock();
        }
        states.flush();
        ItemMetadata target = item;
        if (target != null) {
            callHandler(handlerId, ref, checkedFlags, "item " + itemId + (enable ? " enable" : " disable"),
                    () -> target.item().enable(enable));
        }
    }

    /**
     * Tells the handler about a state change on a platform thread, then re-reads its metadata (a
     * handler that keeps its own state answers the new one); waits for both with WAIT.
     */
    private void callHandler(String handlerId, HandlerRef ref, Set<ControlFlag> flags, String what,
            Guard.ThrowingRunnable call) {
        if (ref == null) {
            return; // parked: the platform's state changed; the handler learns it when it reads it
        }
        Runnable work = () -> {
            Guard.Outcome<Void> outcome = guard.run(handlerId + " " + what, call);
            if (!outcome.ok()) {
                LOG.warn("Handler {}: {} {}", handlerId, what, outcome.problem());
                event(handlerId, null, EventLevel.WARNING, "Handler call failed", what + " " + outcome.problem(), 0, 0);
            }
            HandlerSlot slot = slotOrNull(handlerId);
            if (slot != null) {
                reload(List.of(slot), Set.of(ControlFlag.WAIT));
            }
        };
        if (flags.contains(ControlFlag.WAIT)) {
            work.run();
        } else {
            runAsync(work);
        }
    }

    private HandlerSlot slotOrNull(String handlerId) {
        lock.lock();
        try {
            return slots.get(handlerId);
        } finally {
            lock.unlock();
        }
    }

    boolean active(HandlerSlot slot) {
        Boolean own = slot.metadata == null ? null : slot.metadata.ownActive();
        return own != null ? own : states.handlerActive(slot.id);
    }

    boolean enabled(HandlerSlot slot) {
        Boolean own = slot.metadata == null ? null : slot.metadata.ownEnabled();
        return own != null ? own : states.handlerEnabled(slot.id);
    }

    boolean itemEnabled(HandlerSlot slot, ItemMetadata item) {
        return item.ownEnabled() != null ? item.ownEnabled() : states.itemEnabled(slot.id, item.id());
    }

    // =====================================================================================
    // Updates (C31, C33)
    // =====================================================================================

    @Override
    public void updateHandlerCollection(Set<ControlFlag> flags) {
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        List<HandlerSlot> all;
        lock.lock();
        try {
            all = List.copyOf(slots.values());
        } finally {
            lock.unlock();
        }
        reload(all, checkedFlags);
    }

    @Override
    public void updateHandler(String handlerId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        reload(List.of(serving(handlerId)), checkedFlags);
    }

    @Override
    public void updateItem(String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.id("itemId", itemId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        // Items are found through items(), so an item is read again by reading the handler again.
        reload(List.of(serving(handlerId)), checkedFlags);
    }

    @Override
    public void updateEvents(String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.optionalId("itemId", itemId);
        Args.flags("flags", flags);
        lock.lock();
        try {
            known(handlerId);
            fire(l -> l.handlerChanged(handlerId, HandlerChange.EVENTS_CHANGED));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void updateConflicts(String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.optionalId("itemId", itemId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        HandlerSlot slot = serving(handlerId);
        HandlerRef ref;
        lock.lock();
        try {
            ref = slot.serving;
        } finally {
            lock.unlock();
        }
        Runnable work = () -> {
            boolean hasStore = locked(() -> slot.metadata != null
                    && slot.metadata.capabilities().contains(HandlerCapability.CONFLICT_STORE));
            List<SyncConflict> conflicts = hasStore ? readConflicts(handlerId, ref) : null;
            lock.lock();
            try {
                if (conflicts != null && sameService(slot.serving, ref)) {
                    slot.conflicts = conflicts;
                }
                fire(l -> l.handlerChanged(handlerId, HandlerChange.CONFLICTS_CHANGED));
            } finally {
                lock.unlock();
            }
        };
        if (checkedFlags.contains(ControlFlag.WAIT)) {
            work.run();
        } else {
            runAsync(work);
        }
    }

    /** The slot of a handler a service serves now, or the reason there is none. */
    private HandlerSlot serving(String handlerId) {
        lock.lock();
        try {
            HandlerSlot slot = known(handlerId);
            if (slot.parked()) {
                throw new SyncRefusedException(Reason.HANDLER_UNAVAILABLE,
                        "handler '" + handlerId + "' is parked: no service serves it now (C26)");
            }
            return slot;
        } finally {
            lock.unlock();
        }
    }

    // =====================================================================================
    // Session callback support (C13, C14, C16), called by SessionCallback
    // =====================================================================================

    <T> T locked(java.util.function.Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    void fireProgress(String handlerId, long sessionId, dev.synccenter.control.ItemProgress progress) {
        fire(l -> l.itemProgress(handlerId, sessionId, progress));
    }

    void fireHandlerProgress(String handlerId, long sessionId, String text) {
        fire(l -> l.handlerProgress(handlerId, sessionId, text));
    }

    /** C16: moves a queued item into a running session. Under lock. */
    void addToSession(Session session, String itemId) {
        HandlerSlot slot = session.slot;
        ItemMetadata item = slot.metadata.items().get(itemId);
        if (item == null) {
            throw new IllegalArgumentException("handler '" + slot.id + "' has no item '" + itemId + "'");
        }
        if (!itemEnabled(slot, item)) {
            throw new IllegalArgumentException("item '" + itemId + "' is disabled");
        }
        SessionItem si = new SessionItem(itemId);
        session.items.put(itemId, si);
        for (Iterator<Work> it = slot.queue.iterator(); it.hasNext();) {
            Work work = it.next();
            List<Request> subscribers = work.items.remove(itemId);
            if (subscribers != null) {
                for (Request r : subscribers) {
                    subscribe(r, session, si);
                }
            }
            if (work.isEmpty()) {
                it.remove();
            }
        }
        signal();
    }

    /** C13: what is queued behind a session. Under lock. */
    dev.synccenter.handler.PendingItems pendingFor(Session session) {
        Set<String> ids = new LinkedHashSet<>();
        List<Object> contexts = new ArrayList<>();
        for (Work work : session.slot.queue) {
            for (String itemId : work.items.keySet()) {
                if (!session.items.containsKey(itemId)) {
                    ids.add(itemId);
                }
            }
            if (work.primary.context != null && !contexts.contains(work.primary.context)) {
                contexts.add(work.primary.context);
            }
        }
        return new dev.synccenter.handler.PendingItems(List.copyOf(ids), contexts);
    }

    /** C13: a proposed item joins the handler's items. Under lock. */
    void commit(Session session, ItemMetadata item) {
        HandlerSlot slot = session.slot;
        if (slot.metadata != null && sameService(slot.serving, session.ref)) {
            slot.metadata = slot.metadata.withItem(item);
            fire(l -> l.handlerChanged(slot.id, HandlerChange.CHANGED));
        }
    }

    /** Records an event of a session; counts it for the result. Under lock. */
    UUID event(String handlerId, String itemId, EventLevel level, String name, String description, long requestId,
            Session session) {
        UUID id = event(handlerId, itemId, level, name, description, requestId, session.id, null, null, null);
        if (level == EventLevel.ERROR) {
            SessionItem si = itemId == null ? null : session.items.get(itemId);
            if (si != null) {
                si.errors++;
            } else {
                session.sessionErrors++;
            }
        }
        return id;
    }

    private UUID event(String handlerId, String itemId, EventLevel level, String name, String description,
            long requestId, long sessionId) {
        return event(handlerId, itemId, level, name, description, requestId, sessionId, null, null, null);
    }

    UUID event(String handlerId, String itemId, EventLevel level, String name, String description, long requestId,
            long sessionId, String linkText, String linkReference, String context) {
        SyncEvent event = new SyncEvent(UUID.randomUUID(), clock.instant(), handlerId, itemId, level,
                Args.cut(name, dev.synccenter.control.Limits.MAX_NAME_LENGTH), description == null ? "" : description,
                linkText, linkReference, context, requestId, sessionId);
        events.add(event);
        fire(l -> l.eventReported(event));
        return event.id();
    }

    // =====================================================================================
    // Queries
    // =====================================================================================

    @Override
    public List<HandlerSnapshot> handlers() {
        lock.lock();
        try {
            List<HandlerSnapshot> out = new ArrayList<>();
            for (HandlerSlot slot : new TreeMap<>(slots).values()) {
                HandlerSnapshot snapshot = Snapshots.handler(this, slot);
                if (snapshot != null) {
                    out.add(snapshot);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<HandlerSnapshot> handler(String handlerId) {
        Args.id("handlerId", handlerId);
        lock.lock();
        try {
            HandlerSlot slot = slots.get(handlerId);
            return slot == null ? Optional.empty() : Optional.ofNullable(Snapshots.handler(this, slot));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<RequestSnapshot> requests() {
        lock.lock();
        try {
            List<RequestSnapshot> out = new ArrayList<>();
            for (Request r : open.values()) {
                out.add(Snapshots.request(r, slots.get(r.handlerId)));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<RequestSnapshot> request(long requestId) {
        if (requestId <= 0) {
            throw new SyncArgumentException("requestId", "must be positive, was " + requestId);
        }
        lock.lock();
        try {
            Request r = open.get(requestId);
            if (r == null) {
                r = history.get(requestId);
            }
            return r == null ? Optional.empty() : Optional.of(Snapshots.request(r, slots.get(r.handlerId)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SyncEvent> events(EventFilter filter) {
        if (filter == null) {
            throw new SyncArgumentException("filter", "must not be null; use EventFilter.ALL");
        }
        if (filter.handlerId() != null) {
            Args.id("filter.handlerId", filter.handlerId());
        }
        if (filter.itemId() != null) {
            Args.id("filter.itemId", filter.itemId());
        }
        if (filter.limit() < 0) {
            throw new SyncArgumentException("filter.limit", "must not be negative, was " + filter.limit());
        }
        return events.list(filter);
    }

    @Override
    public List<SyncConflict> conflicts(String handlerId, String itemId) {
        Args.optionalId("handlerId", handlerId);
        Args.optionalId("itemId", itemId);
        lock.lock();
        try {
            List<SyncConflict> out = new ArrayList<>();
            for (HandlerSlot slot : new TreeMap<>(slots).values()) {
                if (handlerId == null || handlerId.equals(slot.id)) {
                    for (SyncConflict c : slot.conflicts) {
                        if (itemId == null || itemId.equals(c.itemId())) {
                            out.add(c);
                        }
                    }
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Live sessions, for diagnostics and tests. */
    public int liveSessions() {
        return locked(() -> liveSessions);
    }

    // =====================================================================================
    // Listeners (C34)
    // =====================================================================================

    public void listenerAdded(SyncListener listener) {
        notifier.add(listener);
    }

    public void listenerRemoved(SyncListener listener) {
        notifier.remove(listener);
    }

    private void fire(Consumer<SyncListener> notification) {
        if (!notifier.isEmpty()) {
            notifier.fire(notification);
        }
    }

    // =====================================================================================
    // Shutting down (C35)
    // =====================================================================================

    /**
     * Stops the engine: queued requests complete CANCELED, running sessions are asked to cancel
     * with the grace of C22, and every result is handed over before this returns.
     */
    public void close() {
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
            for (HandlerSlot slot : List.copyOf(slots.values())) {
                if (slot.parkTimer != null) {
                    slot.parkTimer.cancel(false);
                }
                cancelHandler(slot, SHUTTING_DOWN);
            }
            // Sessions end by returning or by being abandoned when their grace runs out.
            long deadline = System.nanoTime() + settings.cancelGrace().plusSeconds(5).toNanos();
            while (liveSessions > 0 || !open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.error("Stopping with {} session(s) and {} request(s) unfinished; failing them", liveSessions,
                            open.size());
                    for (HandlerSlot slot : List.copyOf(slots.values())) {
                        for (Session s : List.copyOf(slot.sessions)) {
                            endSession(s, Outcome.ABANDONED, null, null);
                        }
                    }
                    for (Request r : List.copyOf(open.values())) {
                        for (String itemId : List.copyOf(r.items.keySet())) {
                            finishItem(r, itemId, ProgressStatus.CANCELED, 0, 0);
                        }
                        r.resolved = true;
                        r.emptyStatus = ProgressStatus.CANCELED;
                        r.reason = SHUTTING_DOWN;
                        completeIfDone(r);
                    }
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        // Every result is handed over before close() returns (C35). The stuck-callback watchdog keeps
        // running meanwhile, so one blocking callback cannot hold up the others; the wait is bounded
        // so that it cannot stop us forever either.
        try {
            if (!deliveries.close(settings.cancelGrace().plusSeconds(5).toNanos())) {
                LOG.warn("Some result callbacks had not run when the engine stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        deliveryPool.shutdown();
        states.flush();
        sessionPool.shutdownNow();
        callPool.shutdownNow();
        listenerPool.shutdown();
    }

    // =====================================================================================
    // Plumbing
    // =====================================================================================

    private void signal() {
        changed.signalAll();
    }

    private java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return timers.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("Sync engine timer task failed", t);
                }
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // stopping: close() settles everything
        }
    }

    private static void cancelTimer(java.util.concurrent.ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void runAsync(Runnable task) {
        try {
            callPool.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("Sync engine background task failed", t);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Stopping: background task dropped");
        }
    }

    private static boolean sameService(HandlerRef a, HandlerRef b) {
        return a != null && b != null && a.serviceId() == b.serviceId();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // Read access for Snapshots (same package, under lock).
    Predicate<String> syncingIn(HandlerSlot slot) {
        return itemId -> {
            for (Session s : slot.sessions) {
                SessionItem si = s.items.get(itemId);
                if (si != null && !si.status.isFinal()) {
                    return true;
                }
            }
            return false;
        };
    }
}
